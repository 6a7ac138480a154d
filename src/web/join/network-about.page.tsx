// /n/:slug/about — for every member: what the network is for, who may join, its code of conduct
// (accepted here when never accepted or changed since), and the way out (leaving, with what happens
// to what they posted).
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconArrowLeft, IconDoorExit, IconInfoCircle, IconRefreshAlert } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { membership, networks } from "../../shared/contract/index.ts";
import type { NetworkHome } from "../../shared/contract/networks.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { focusFirstError, zodValidate } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { NetworkAvatar } from "../networks/network-avatar.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { JoinFormError } from "./join-errors.tsx";
import { refreshMe } from "./join-session.ts";
import { AcceptTermsCheckbox } from "./network-terms.tsx";

export function NetworkAboutPage() {
  const { slug } = useParams();
  const mine = useMyNetwork(slug);
  const t = useT();
  // Set once the member has left: the account refresh then drops this network, and the page must
  // not flash "not found" on its way to "/".
  const [leaving, setLeaving] = useState(false);
  const home = useQuery({
    ...apiQuery(networks.getNetworkHome, { params: { networkId: mine?.id ?? "" } }),
    enabled: mine !== undefined && !leaving,
  });
  usePageTitle(mine ? t("join.about.titleFor", { name: mine.name }) : t("notFound.title"));

  if (leaving) return <LoadingState lines={4} />;
  if (!mine) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (home.isPending) return <LoadingState lines={8} />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  return <AboutView home={home.data} onLeaving={() => setLeaving(true)} />;
}

function TextSection({ title, text }: { title: string; text: string }) {
  const t = useT();
  const headingId = useId();
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" mb="xs" id={headingId}>
        {title}
      </Title>
      {text.trim() ? (
        <Text className="tsunagu-prose">{text}</Text>
      ) : (
        <Text c="dimmed" size="sm">
          {t("network.notWritten")}
        </Text>
      )}
    </Paper>
  );
}

function AboutView({ home, onLeaving }: { home: NetworkHome; onLeaving: () => void }) {
  const t = useT();
  const { network, myRole, firstSteps } = home;
  const termsToRead = firstSteps.some((step) => step.key === "accept_terms" && !step.done);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/n/${network.slug}`} size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("networkSettings.back", { name: network.name })}
      </Anchor>
      <PageHeader
        before={<NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={56} />}
        title={t("join.about.title")}
        description={
          <Group gap="xs" component="span">
            <Text component="span" size="sm" c="dimmed">
              {network.name}
            </Text>
            <Badge color="gray">{t("network.yourRole", { role: t(`role.${myRole}`) })}</Badge>
          </Group>
        }
      />
      {termsToRead && (
        <Alert variant="light" color="ai" icon={<IconInfoCircle aria-hidden />} role="note">
          {t("join.about.readTerms")}
        </Alert>
      )}
      <TextSection title={t("join.terms.purpose")} text={network.purpose} />
      <TextSection title={t("join.terms.eligibility")} text={network.eligibility} />
      <TextSection title={t("join.terms.codeOfConduct")} text={network.codeOfConduct} />
      {termsToRead && <AcceptTermsSection home={home} />}
      <LeaveSection home={home} onLeaving={onLeaving} />
    </Stack>
  );
}

const acceptSchema = z.object({ accept: z.literal(true) });

/** For a member who never accepted the texts, or whose accepted version is older than the current one. */
function AcceptTermsSection({ home }: { home: NetworkHome }) {
  const t = useT();
  const notify = useNotify();
  const headingId = useId();
  const { network } = home;
  const [changed, setChanged] = useState(false);
  const form = useForm({ initialValues: { accept: false }, validate: zodValidate(acceptSchema, t, { accept: "join.acceptRequired" }) });
  const accept = useMutation({
    mutationFn: () =>
      callApi(membership.acceptNetworkTerms, { params: { networkId: network.id }, body: { termsVersion: network.termsVersion } }),
    onSuccess: async () => {
      notify.success(t("join.about.accepted"));
      await invalidate(networks.getNetworkHome);
    },
    onError: (error) => {
      if (!isApiError(error, "terms_changed")) return;
      // Changed while the page was open: show the new texts and ask again.
      form.setFieldValue("accept", false);
      setChanged(true);
      void invalidate(networks.getNetworkHome);
    },
  });

  return (
    <Paper
      withBorder
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-labelledby={headingId}
      style={{ borderColor: "var(--mantine-color-ai-3)" }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {t("join.about.acceptTitle")}
        </Title>
        {changed && (
          <Alert variant="light" color="orange" icon={<IconRefreshAlert aria-hidden />} title={t("join.termsChangedTitle")} role="alert">
            {t("join.termsChanged")}
          </Alert>
        )}
        <Text>{t("join.about.acceptLead")}</Text>
        <form onSubmit={form.onSubmit(() => accept.mutate(), focusFirstError)} noValidate>
          <Stack gap="md" align="flex-start">
            <AcceptTermsCheckbox {...form.getInputProps("accept", { type: "checkbox" })} />
            <JoinFormError error={isApiError(accept.error, "terms_changed") ? null : accept.error} paths={["accept"]} />
            <Button type="submit" loading={accept.isPending}>
              {t("join.about.acceptSubmit")}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function LeaveSection({ home, onLeaving }: { home: NetworkHome; onLeaving: () => void }) {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const headingId = useId();
  const { network, myRole } = home;
  const [opened, setOpened] = useState(false);
  const leave = useMutation({
    mutationFn: () => callApi(membership.leaveNetwork, { params: { networkId: network.id } }),
    onSuccess: async () => {
      setOpened(false);
      onLeaving();
      await refreshMe();
      queryClient.removeQueries({ predicate: (query) => JSON.stringify(query.queryKey).includes(network.id) });
      notify.success(t("join.leave.done", { network: network.name }));
      await navigate("/", { replace: true });
    },
  });
  const close = () => {
    if (leave.isPending) return;
    setOpened(false);
    leave.reset();
  };
  // The last admin may not leave (the server explains; this says how to get there).
  const lastAdmin = myRole === "admin" && isApiError(leave.error) && leave.error.status === 409;

  return (
    <Paper
      withBorder
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-labelledby={headingId}
      style={{ borderColor: "var(--mantine-color-red-3)" }}
    >
      <Stack gap="md" align="flex-start">
        <Group gap="xs" wrap="nowrap">
          <IconAlertTriangle size={20} color="var(--mantine-color-red-8)" aria-hidden />
          <Title order={2} size="h3" c="red.8" id={headingId}>
            {t("join.leave.title")}
          </Title>
        </Group>
        <Text>{t("join.leave.lead")}</Text>
        {myRole === "admin" && (
          <Text size="sm" c="dimmed">
            {t("join.leave.adminNote")}
          </Text>
        )}
        <Button color="red" variant="outline" leftSection={<IconDoorExit size={18} aria-hidden />} onClick={() => setOpened(true)}>
          {t("join.leave.open")}
        </Button>
      </Stack>
      <ConfirmModal
        opened={opened}
        onClose={close}
        onConfirm={() => leave.mutate()}
        title={t("join.leave.confirmTitle", { network: network.name })}
        confirmLabel={t("join.leave.confirm")}
        pending={leave.isPending}
      >
        <Stack gap="sm">
          <Text>{t("join.leave.confirmAccess")}</Text>
          <Text>{t("join.leave.confirmPosts")}</Text>
          <Text>{t("join.leave.confirmReturn")}</Text>
          <JoinFormError error={leave.error} paths={[]}>
            {lastAdmin && (
              <>
                <span>{t("join.leave.lastAdminHint")}</span>
                <Anchor component={Link} to={`/n/${network.slug}/settings`} size="sm" fw={600}>
                  {t("join.leave.lastAdminLink")}
                </Anchor>
              </>
            )}
          </JoinFormError>
        </Stack>
      </ConfirmModal>
    </Paper>
  );
}
