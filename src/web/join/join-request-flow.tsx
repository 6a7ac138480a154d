// /join/:slug without an invitation — a network that takes join requests: what it is for, who may
// join, its code of conduct, and the request to its admins (with a new account when signed out).
// A network that does not take requests (or does not exist) says: ask its admins for an invitation.
import { Alert, Anchor, Button, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCircleCheck, IconHourglass, IconInfoCircle, IconLock, IconRefreshAlert } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { z } from "zod";
import type { Me } from "../../shared/contract/accounts.ts";
import { membership } from "../../shared/contract/index.ts";
import type { PublicNetwork } from "../../shared/contract/membership.ts";
import { limits } from "../../shared/limits.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { focusFirstError, zodValidate } from "../platform/forms.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate } from "../platform/query.ts";
import { signInPath } from "../platform/shell/sign-in-path.ts";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { JoinFormError, placeServerErrors } from "./join-errors.tsx";
import { refreshMe, useSessionMe } from "./join-session.ts";
import { AcceptTermsCheckbox, AlreadyMember, JoinHeader, NetworkTerms } from "./network-terms.tsx";
import { NewAccountFields, newAccountShape, newAccountValues, passwordsMatch } from "./new-account-fields.tsx";

export function JoinRequestFlow({ slug }: { slug: string }) {
  const t = useT();
  const session = useSessionMe();
  const page = useQuery(apiQuery(membership.getJoinPage, { params: { slug } }));
  usePageTitle(page.data ? t("join.request.titleFor", { name: page.data.network.name }) : t("join.title"));

  if (session.pending || page.isPending) return <LoadingState lines={8} />;
  // A member of a network that takes no requests (no public page): still "you are in".
  const mine = session.me?.networks.find((network) => network.slug === slug);
  if (page.isError && mine) return <AlreadyMemberPage network={mine} />;
  if (page.isError) {
    if (isApiError(page.error, "not_found") || isApiError(page.error, "validation_failed")) return <InvitationOnly />;
    return (
      <Stack gap="lg">
        <Title order={1}>{t("join.title")}</Title>
        <ErrorState error={page.error} onRetry={() => void page.refetch()} />
      </Stack>
    );
  }
  const { network, me } = page.data;
  if (me?.status !== "member" && me?.status !== "request_pending" && !network.joinRequestsOpen) return <InvitationOnly />;
  return <RequestPage network={network} status={me?.status ?? "none"} signedIn={session.me} />;
}

function AlreadyMemberPage({ network }: { network: Pick<PublicNetwork, "slug" | "name" | "logoUrl"> }) {
  const t = useT();
  return (
    <Stack gap="lg">
      <JoinHeader network={network} title={t("join.title")} />
      <AlreadyMember network={network} />
    </Stack>
  );
}

function InvitationOnly() {
  const t = useT();
  return (
    <EmptyView
      headingOrder={1}
      icon={<IconLock aria-hidden />}
      title={t("join.request.inviteOnlyTitle")}
      description={t("join.request.inviteOnly")}
    >
      <Button component={Link} to="/" variant="light">
        {t("join.toTop")}
      </Button>
    </EmptyView>
  );
}

type Status = "none" | "member" | "request_pending" | "request_declined";

function RequestPage({ network, status, signedIn }: { network: PublicNetwork; status: Status; signedIn: Me | undefined }) {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [termsChanged, setTermsChanged] = useState(false);

  let body: ReactNode;
  if (sentTo !== null) {
    body = (
      <Stack gap="md">
        <Alert variant="light" color="green" icon={<IconCircleCheck aria-hidden />} title={t("join.request.sentTitle")} role="status">
          {t("join.request.sent", { email: sentTo })}
        </Alert>
        <Button component={Link} to="/" variant="default">
          {t("join.openTsunagu")}
        </Button>
      </Stack>
    );
  } else if (status === "member") {
    body = <AlreadyMember network={network} />;
  } else if (status === "request_pending") {
    body = (
      <Alert variant="light" color="ai" icon={<IconHourglass aria-hidden />} title={t("join.request.pendingTitle")} role="status">
        {t("join.request.pending")}
      </Alert>
    );
  } else {
    body = (
      <>
        {status === "request_declined" && (
          <Alert variant="light" color="orange" icon={<IconInfoCircle aria-hidden />} title={t("join.request.declinedTitle")}>
            {t("join.request.declined")}
          </Alert>
        )}
        {termsChanged && (
          <Alert variant="light" color="orange" icon={<IconRefreshAlert aria-hidden />} title={t("join.termsChangedTitle")} role="alert">
            {t("join.termsChanged")}
          </Alert>
        )}
        <NetworkTerms network={network} />
        <RequestForm
          network={network}
          signedIn={signedIn}
          onSent={setSentTo}
          onTermsChanged={() => {
            setTermsChanged(true);
            void invalidate(membership.getJoinPage);
          }}
        />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <JoinHeader
        network={network}
        title={t("join.request.heading")}
        lead={
          <Text size="sm" c="dimmed">
            {t("join.request.lead", { network: network.name })}
          </Text>
        }
      />
      {body}
    </Stack>
  );
}

const message = z.string().trim().max(limits.joinRequestMessageMax);
const signedInSchema = z.object({ message, accept: z.literal(true) });
const newAccountSchema = z.object({
  message,
  accept: z.literal(true),
  account: z.object(newAccountShape).refine(passwordsMatch, { path: ["confirm"], message: "mismatch" }),
});
const signedInPaths = ["message", "accept"] as const;
const newAccountPaths = [
  "message",
  "account.displayName",
  "account.email",
  "account.password",
  "account.confirm",
  "account.locale",
  "accept",
] as const;

function RequestForm({
  network,
  signedIn,
  onSent,
  onTermsChanged,
}: {
  network: PublicNetwork;
  signedIn: Me | undefined;
  onSent: (email: string) => void;
  onTermsChanged: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const headingId = useId();
  const paths = signedIn ? signedInPaths : newAccountPaths;
  const form = useForm({
    initialValues: { message: "", accept: false, account: newAccountValues("", "", locale) },
    validate: zodValidate(signedIn ? signedInSchema : newAccountSchema, t, {
      "account.confirm": "validation.passwordMismatch",
      accept: "join.acceptRequired",
    }),
  });
  const send = useMutation({
    mutationFn: async (values: typeof form.values) => {
      const { confirm: _confirm, ...account } = values.account;
      await callApi(membership.createJoinRequest, {
        params: { slug: network.slug },
        body: { message: values.message, termsVersion: network.termsVersion, ...(signedIn ? {} : { account }) },
      });
      return signedIn ? signedIn.account.email : account.email;
    },
    onSuccess: async (email) => {
      onSent(email);
      // Signed out, the request also created the account and its session.
      if (!signedIn) await refreshMe();
      await invalidate(membership.getJoinPage);
    },
    onError: (error) => {
      placeServerErrors(form, error, paths);
      if (isApiError(error, "terms_changed")) {
        form.setFieldValue("accept", false);
        onTermsChanged();
      } else if (isApiError(error) && Object.keys(error.fields).length > 0) {
        // Already a member, a request waiting, requests closed: the page shows where things stand.
        void invalidate(membership.getJoinPage);
      }
    },
  });

  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {t("join.request.formHeading")}
      </Title>
      {signedIn ? (
        <Text size="sm">{t("join.request.asAccount", { name: signedIn.account.displayName, email: signedIn.account.email })}</Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t("join.request.haveAccount")}{" "}
          <Anchor component={Link} to={signInPath(`/join/${network.slug}`)} size="sm" underline="always">
            {t("join.request.signInInstead")}
          </Anchor>
        </Text>
      )}
      <form onSubmit={form.onSubmit((values) => send.mutate(values), focusFirstError)} noValidate>
        <Stack gap="md">
          <Textarea
            label={t("join.request.message")}
            description={t("join.request.messageHint", { max: limits.joinRequestMessageMax })}
            autosize
            minRows={4}
            maxRows={12}
            maxLength={limits.joinRequestMessageMax}
            {...form.getInputProps("message")}
          />
          {!signedIn && <NewAccountFields inputProps={(field) => form.getInputProps(`account.${field}`)} />}
          <AcceptTermsCheckbox {...form.getInputProps("accept", { type: "checkbox" })} />
          <JoinFormError error={isApiError(send.error, "terms_changed") ? null : send.error} paths={paths} />
          <Button type="submit" size="md" fullWidth loading={send.isPending}>
            {t("join.request.submit")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
