// /join/:slug#token=… — an invitation link from a mail: who invites whom to which network, as what;
// its purpose, eligibility and code of conduct; then the one way in that fits the visitor (new
// account, sign in first, or accept with the account already signed in). An invitation that can no
// longer be used says why and what to do instead.
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  IconCircleCheck,
  IconClockX,
  IconInfoCircle,
  IconLinkOff,
  IconMailX,
  IconRefreshAlert,
  IconUserExclamation,
} from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ReactNode } from "react";
import { z } from "zod";
import { Link, useNavigate } from "react-router";
import type { Me } from "../../shared/contract/accounts.ts";
import { token as tokenSchema } from "../../shared/contract/common.ts";
import { membership } from "../../shared/contract/index.ts";
import type { InvitationView } from "../../shared/contract/membership.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { focusFirstError, zodValidate } from "../platform/forms.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { signInPath } from "../platform/shell/sign-in-path.ts";
import { ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { JoinFormError, placeServerErrors } from "./join-errors.tsx";
import { refreshMe, signOutHere, useSessionMe } from "./join-session.ts";
import { forgetJoinToken } from "./join-token.ts";
import { AcceptTermsCheckbox, AlreadyMember, JoinHeader, NetworkTerms } from "./network-terms.tsx";
import { NewAccountFields, newAccountShape, newAccountValues, passwordsMatch } from "./new-account-fields.tsx";

type Problem = "expired" | "revoked" | "used" | "otherNetwork" | "invalid";

/** What an error of viewing the invitation means for the visitor; null: a passing failure (retry). */
function problemOf(error: unknown): Problem | null {
  if (!isApiError(error)) return null;
  switch (error.code) {
    case "invitation_expired":
      return "expired";
    case "invitation_revoked":
      return "revoked";
    case "invitation_used":
      return "used";
    case "invitation_other_network":
      return "otherNetwork";
    case "invalid_token":
    case "not_found":
    case "validation_failed":
      return "invalid";
    default:
      return null;
  }
}

export function InvitationFlow({ slug, token, onRequestInstead }: { slug: string; token: string; onRequestInstead: () => void }) {
  const t = useT();
  const session = useSessionMe();
  const looksValid = tokenSchema.safeParse(token).success;
  // A query keyed by token and account, not an effect: what the link offers depends on who is signed in.
  const view = useQuery({
    queryKey: ["viewInvitation", slug, token, session.me?.account.id ?? null],
    queryFn: ({ signal }) => callApi(membership.viewInvitation, { params: { slug }, body: { token }, signal }),
    enabled: looksValid && !session.pending,
    staleTime: Infinity,
    retry: false,
  });
  usePageTitle(view.data ? t("join.invitation.titleFor", { name: view.data.network.name }) : t("join.invitation.title"));

  if (!looksValid) return <ProblemPage problem="invalid" me={session.me} />;
  if (session.pending || view.isPending) return <LoadingState lines={8} label={t("join.invitation.loading")} />;
  if (view.isError) {
    const problem = problemOf(view.error);
    if (problem) return <ProblemPage problem={problem} me={session.me} />;
    return (
      <Stack gap="lg">
        <Title order={1}>{t("join.invitation.title")}</Title>
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      </Stack>
    );
  }
  return (
    <InvitationPage
      slug={slug}
      token={token}
      view={view.data}
      me={session.me}
      reload={() => void view.refetch()}
      onRequestInstead={onRequestInstead}
    />
  );
}

/** A problem found before the invitation could be read: no network to show, just what happened. */
function ProblemPage({ problem, me }: { problem: Problem; me: Me | undefined }) {
  const t = useT();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("join.invitation.title")}</Title>
      <ProblemNotice problem={problem} me={me} slug={null} view={null} />
    </Stack>
  );
}

const problemIcons: Record<Problem, ReactNode> = {
  expired: <IconClockX aria-hidden />,
  revoked: <IconMailX aria-hidden />,
  used: <IconCircleCheck aria-hidden />,
  otherNetwork: <IconLinkOff aria-hidden />,
  invalid: <IconLinkOff aria-hidden />,
};

function ProblemNotice({
  problem,
  me,
  slug,
  view,
  onRequestInstead,
}: {
  problem: Problem;
  me: Me | undefined;
  slug: string | null;
  view: InvitationView | null;
  onRequestInstead?: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const inviter = view?.inviterName ?? null;
  const askAgain = inviter ? t("join.invitation.askInviter", { inviter }) : t("join.invitation.askAdmins");
  const texts: Record<Problem, { title: string; body: string }> = {
    expired: {
      title: t("join.invitation.expiredTitle"),
      body: `${view ? t("join.invitation.expiredOn", { date: format.date(view.expiresAt) }) : t("join.invitation.expired")} ${askAgain}`,
    },
    revoked: { title: t("join.invitation.revokedTitle"), body: t("join.invitation.revoked") },
    used: { title: t("join.invitation.usedTitle"), body: me ? t("join.invitation.usedSignedIn") : t("join.invitation.usedSignedOut") },
    otherNetwork: { title: t("join.invitation.otherNetworkTitle"), body: t("join.invitation.otherNetwork") },
    invalid: { title: t("join.invitation.invalidTitle"), body: t("join.invitation.invalid") },
  };
  const { title, body } = texts[problem];
  const color = problem === "used" ? "ai" : problem === "expired" || problem === "revoked" ? "orange" : "red";
  return (
    <Stack gap="md">
      <Alert variant="light" color={color} icon={problemIcons[problem]} title={title} role="alert">
        {body}
      </Alert>
      <Group gap="sm">
        {problem === "used" && !me && (
          <Button component={Link} to={signInPath(slug ? `/n/${slug}` : "/")}>
            {t("join.signIn")}
          </Button>
        )}
        {(problem === "expired" || problem === "revoked") && view?.network.joinRequestsOpen && onRequestInstead && (
          <Button variant="light" onClick={onRequestInstead}>
            {t("join.invitation.requestInstead")}
          </Button>
        )}
        {(me || problem !== "used") && (
          <Button component={Link} to="/" variant={problem === "used" ? "filled" : "default"}>
            {me ? t("join.openTsunagu") : t("join.toTop")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function InvitationPage({
  slug,
  token,
  view,
  me,
  reload,
  onRequestInstead,
}: {
  slug: string;
  token: string;
  view: InvitationView;
  me: Me | undefined;
  reload: () => void;
  onRequestInstead: () => void;
}) {
  const t = useT();
  const [termsChanged, setTermsChanged] = useState(false);
  const { network } = view;
  const lead = view.inviterName
    ? t("join.invitation.fromInviter", { inviter: view.inviterName, network: network.name })
    : t("join.invitation.fromAdmins", { network: network.name });
  const onTermsChanged = () => {
    setTermsChanged(true);
    reload();
  };

  let body: ReactNode;
  if (view.alreadyMember) {
    body = <AlreadyMember network={network} />;
  } else if (view.state !== "pending") {
    const problem: Problem = view.state === "accepted" ? "used" : view.state;
    body = <ProblemNotice problem={problem} me={me} slug={network.slug} view={view} onRequestInstead={onRequestInstead} />;
  } else {
    const way = me ? (
      <AcceptAsMember slug={slug} token={token} view={view} me={me} reload={reload} onTermsChanged={onTermsChanged} />
    ) : view.accountExists ? (
      <SignInToJoin slug={slug} email={view.email} />
    ) : (
      <SignUpToJoin slug={slug} token={token} view={view} reload={reload} onTermsChanged={onTermsChanged} />
    );
    body = (
      <>
        {termsChanged && (
          <Alert variant="light" color="orange" icon={<IconRefreshAlert aria-hidden />} title={t("join.termsChangedTitle")} role="alert">
            {t("join.termsChanged")}
          </Alert>
        )}
        <NetworkTerms network={network} />
        {way}
      </>
    );
  }

  return (
    <Stack gap="lg">
      <JoinHeader network={network} title={t("join.invitation.heading")} lead={<Text>{lead}</Text>} />
      <InvitationDetails view={view} />
      {body}
    </Stack>
  );
}

function InvitationDetails({ view }: { view: InvitationView }) {
  const t = useT();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm">{t("join.invitation.roleLabel")}</Text>
          <Badge variant="light">{t(`role.${view.role}`)}</Badge>
        </Group>
        {view.note.trim() && (
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {view.inviterName ? t("join.invitation.noteFrom", { inviter: view.inviterName }) : t("join.invitation.note")}
            </Text>
            <Text
              size="sm"
              className="tsunagu-prose"
              p="sm"
              bg="var(--mantine-color-gray-0)"
              style={{ borderInlineStart: "3px solid var(--mantine-color-ai-4)", borderRadius: "var(--mantine-radius-sm)" }}
            >
              {view.note}
            </Text>
          </Stack>
        )}
        {view.state === "pending" && (
          <Text size="xs" c="dimmed">
            {t("join.invitation.expires", { date: format.date(view.expiresAt) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** A section of the page with its <h2>. */
function WaySection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const acceptSchema = z.object({ accept: z.literal(true) });

function useAfterJoin(slug: string) {
  const navigate = useNavigate();
  return async (joinedSlug: string) => {
    forgetJoinToken(slug);
    // The shell and the network switcher read the account's networks: the new one must be there.
    await refreshMe();
    await navigate(`/n/${joinedSlug}?welcome=1`, { replace: true });
  };
}

/** Terms changed since the page was read: read again. An invitation that changed state: show that state. */
function onJoinError(error: unknown, reload: () => void, onTermsChanged: () => void, uncheck: () => void): void {
  if (isApiError(error, "terms_changed")) {
    uncheck();
    onTermsChanged();
  } else if (isApiError(error) && (error.code.startsWith("invitation_") || error.code === "conflict")) {
    reload();
  }
}

function AcceptAsMember({
  slug,
  token,
  view,
  me,
  reload,
  onTermsChanged,
}: {
  slug: string;
  token: string;
  view: InvitationView;
  me: Me;
  reload: () => void;
  onTermsChanged: () => void;
}) {
  const t = useT();
  const afterJoin = useAfterJoin(slug);
  const form = useForm({ initialValues: { accept: false }, validate: zodValidate(acceptSchema, t, { accept: "join.acceptRequired" }) });
  const accept = useMutation({
    mutationFn: () => callApi(membership.acceptInvitation, { params: { slug }, body: { token, termsVersion: view.network.termsVersion } }),
    onSuccess: (joined) => afterJoin(joined.slug),
    onError: (error) => onJoinError(error, reload, onTermsChanged, () => form.setFieldValue("accept", false)),
  });
  const signOut = useMutation({ mutationFn: signOutHere });
  const otherAddress = me.account.email.toLowerCase() !== view.email.toLowerCase();

  return (
    <WaySection title={t("join.invitation.acceptHeading")}>
      <Text>{t("join.invitation.joinAs", { name: me.account.displayName, email: me.account.email })}</Text>
      {otherAddress && (
        <Alert variant="light" color="orange" icon={<IconUserExclamation aria-hidden />} title={t("join.invitation.otherAccountTitle")}>
          <Stack gap="sm" align="flex-start">
            <span>{t("join.invitation.otherAccount", { invited: view.email, current: me.account.email })}</span>
            <Button
              variant="default"
              size="sm"
              h="auto"
              py={6}
              maw="100%"
              styles={{ label: { whiteSpace: "normal", textAlign: "start" } }}
              onClick={() => signOut.mutate()}
              loading={signOut.isPending}
            >
              {t("join.invitation.switchAccount")}
            </Button>
          </Stack>
        </Alert>
      )}
      <form onSubmit={form.onSubmit(() => accept.mutate(), focusFirstError)} noValidate>
        <Stack gap="md">
          <AcceptTermsCheckbox {...form.getInputProps("accept", { type: "checkbox" })} />
          <JoinFormError error={isApiError(accept.error, "terms_changed") ? null : accept.error} paths={["accept"]} />
          <Button type="submit" size="md" fullWidth loading={accept.isPending}>
            {t("join.invitation.acceptSubmit")}
          </Button>
        </Stack>
      </form>
    </WaySection>
  );
}

function SignInToJoin({ slug, email }: { slug: string; email: string }) {
  const t = useT();
  return (
    <WaySection title={t("join.invitation.signInHeading")}>
      <Alert variant="light" color="ai" icon={<IconInfoCircle aria-hidden />} role="note">
        {t("join.invitation.accountExists", { email })}
      </Alert>
      {/* The token waits in this tab (join-token.ts): `next` carries only the path. */}
      <Button component={Link} to={signInPath(`/join/${slug}`)} size="md" fullWidth>
        {t("join.invitation.signInSubmit")}
      </Button>
      <Text size="sm" c="dimmed">
        {t("join.invitation.forgotPassword")}{" "}
        <Anchor component={Link} to="/forgot-password" size="sm" underline="always">
          {t("signIn.forgot")}
        </Anchor>
      </Text>
    </WaySection>
  );
}

const signUpSchema = z
  .object({ ...newAccountShape, accept: z.literal(true) })
  .refine(passwordsMatch, { path: ["confirm"], message: "mismatch" });
const signUpPaths = ["displayName", "email", "password", "confirm", "locale", "accept"] as const;

function SignUpToJoin({
  slug,
  token,
  view,
  reload,
  onTermsChanged,
}: {
  slug: string;
  token: string;
  view: InvitationView;
  reload: () => void;
  onTermsChanged: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const afterJoin = useAfterJoin(slug);
  const form = useForm({
    initialValues: { ...newAccountValues(view.name, view.email, locale), accept: false },
    validate: zodValidate(signUpSchema, t, { confirm: "validation.passwordMismatch", accept: "join.acceptRequired" }),
  });
  const signUp = useMutation({
    mutationFn: (values: typeof form.values) =>
      callApi(membership.signUpWithInvitation, {
        params: { slug },
        body: {
          token,
          termsVersion: view.network.termsVersion,
          displayName: values.displayName,
          password: values.password,
          locale: values.locale,
        },
      }),
    onSuccess: (joined) => afterJoin(joined.slug),
    onError: (error) => {
      placeServerErrors(form, error, signUpPaths);
      onJoinError(error, reload, onTermsChanged, () => form.setFieldValue("accept", false));
    },
  });

  return (
    <WaySection title={t("join.invitation.signUpHeading")}>
      <Text size="sm" c="dimmed">
        {t("join.invitation.signUpLead")}
      </Text>
      <form onSubmit={form.onSubmit((values) => signUp.mutate(values), focusFirstError)} noValidate>
        <Stack gap="md">
          <NewAccountFields inputProps={(field) => form.getInputProps(field)} invitedEmail={view.email} />
          <AcceptTermsCheckbox {...form.getInputProps("accept", { type: "checkbox" })} />
          <JoinFormError error={isApiError(signUp.error, "terms_changed") ? null : signUp.error} paths={signUpPaths} />
          <Button type="submit" size="md" fullWidth loading={signUp.isPending}>
            {t("join.invitation.signUpSubmit")}
          </Button>
        </Stack>
      </form>
    </WaySection>
  );
}
