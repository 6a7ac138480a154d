// /n/:slug/manage/invitations — for the network's admins: the registration rate, inviting one
// person, and every invitation with its state (sent, opened, accepted, expired), to resend or revoke.
// `?import=<id>` narrows the list to the invitations of one CSV import.
import { Alert, Anchor, Button, Group, Menu, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, ActionIcon } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconDots, IconFileImport, IconMailForward, IconSearch, IconSend, IconX } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { invitationStates } from "../../shared/contract/membership.ts";
import type { Invitation } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryKeyOf } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { InviteModal } from "./invite-form.tsx";
import { ManageFrame, managePath } from "./manage-frame.tsx";
import { InvitationStateBadge, RoleBadge } from "./member-badges.tsx";
import { RegistrationRate } from "./registration-rate.tsx";
import { usePagedList } from "./use-paged-list.ts";
import { useProblemNotice } from "./use-problem.ts";
import { DataTable } from "./scroll-table.tsx";

const pageSize = 50;
type InvitationState = Invitation["state"];

export function InvitationsPage() {
  const t = useT();
  const [inviting, setInviting] = useState(false);
  return (
    <ManageFrame
      section="invitations"
      title={t("invitations.title")}
      actions={(network) => (
        <>
          <Button
            component={Link}
            to={`${managePath(network.slug, "imports")}/new`}
            variant="default"
            leftSection={<IconFileImport size={18} aria-hidden />}
          >
            {t("invitations.importCsv")}
          </Button>
          <Button onClick={() => setInviting(true)} leftSection={<IconMailForward size={18} aria-hidden />}>
            {t("invitations.invite")}
          </Button>
        </>
      )}
    >
      {(network) => (
        <>
          <InvitationsView network={network} onInvite={() => setInviting(true)} />
          <InviteModal networkId={network.id} opened={inviting} onClose={() => setInviting(false)} />
        </>
      )}
    </ManageFrame>
  );
}

function InvitationsView({ network, onInvite }: { network: MyNetwork; onInvite: () => void }) {
  const t = useT();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const importId = searchParams.get("import") ?? undefined;
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [state, setState] = useState<InvitationState | null>(null);
  const [target, setTarget] = useState<Invitation | null>(null);

  const params = { networkId: network.id };
  const stats = useQuery(apiQuery(membership.getRegistrationStats, { params }));
  const query = { q: q || undefined, state: state ?? undefined, importId };
  const { query: list, items } = usePagedList(queryKeyOf(membership.listInvitations, { params, query }), (cursor, signal) =>
    callApi(membership.listInvitations, { params, query: { ...query, cursor, limit: pageSize }, signal }),
  );
  const importName = importId ? stats.data?.imports.find((entry) => entry.id === importId)?.filename : undefined;
  const filtered = q !== "" || state !== null || importId !== undefined;

  return (
    <Stack gap="lg">
      {stats.isSuccess && stats.data.invited > 0 && <RegistrationRate stats={stats.data} />}
      {importId && (
        <Alert variant="light" color="ai" icon={<IconFileImport aria-hidden />}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm">{importName ? t("invitations.fromImport", { filename: importName }) : t("invitations.fromAnImport")}</Text>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() =>
                setSearchParams((current) => {
                  current.delete("import");
                  return current;
                })
              }
            >
              {t("invitations.showAll")}
            </Button>
          </Group>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" role="search" aria-label={t("invitations.filtersLabel")}>
        <TextInput
          type="search"
          label={t("invitations.search")}
          placeholder={t("invitations.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maxLength={100}
        />
        <Select
          label={t("invitations.stateFilter")}
          data={[
            { value: "", label: t("invitations.stateAll") },
            ...invitationStates.map((value) => ({ value, label: t(`invitations.state.${value}`) })),
          ]}
          value={state ?? ""}
          onChange={(value) => setState((invitationStates as readonly string[]).includes(value ?? "") ? (value as InvitationState) : null)}
        />
      </SimpleGrid>
      {list.isPending ? (
        <LoadingState lines={8} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyView title={t("invitations.noMatchTitle")} description={t("invitations.noMatchBody")} icon={<IconSearch aria-hidden />} />
        ) : (
          <EmptyView title={t("invitations.emptyTitle")} description={t("invitations.emptyBody")} icon={<IconMailForward aria-hidden />}>
            <Button onClick={onInvite}>{t("invitations.invite")}</Button>
            <Button component={Link} to={`${managePath(network.slug, "imports")}/new`} variant="default">
              {t("invitations.importCsv")}
            </Button>
          </EmptyView>
        )
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.hasNextPage
              ? t("invitations.countMore", { count: format.number(items.length) })
              : t("invitations.count", { count: format.number(items.length) })}
          </Text>
          <InvitationsTable items={items} onRevoke={setTarget} networkId={network.id} />
          <InvitationCards items={items} onRevoke={setTarget} networkId={network.id} />
          <LoadMore pages={list} />
        </Stack>
      )}
      <RevokeDialog networkId={network.id} invitation={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

async function refreshInvitations(): Promise<void> {
  await Promise.all([
    invalidate(membership.listInvitations),
    invalidate(membership.getRegistrationStats),
    invalidate(membership.listManagedMembers),
    invalidate(membership.listAuditLog),
  ]);
}

function useResend(networkId: string) {
  const t = useT();
  const notify = useNotify();
  const problemNotice = useProblemNotice();
  return useMutation({
    mutationFn: (invitation: Invitation) => callApi(membership.resendInvitation, { params: { networkId, invitationId: invitation.id } }),
    onSuccess: async (invitation) => {
      notify.success(t("invitations.resent", { email: invitation.email }));
      await refreshInvitations();
    },
    onError: problemNotice,
  });
}

function RevokeDialog({ networkId, invitation, onClose }: { networkId: string; invitation: Invitation | null; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const problemNotice = useProblemNotice();
  const revoke = useMutation({
    mutationFn: (target: Invitation) => callApi(membership.revokeInvitation, { params: { networkId, invitationId: target.id } }),
    onSuccess: async (revoked) => {
      onClose();
      notify.success(t("invitations.revoked", { email: revoked.email }));
      await refreshInvitations();
    },
    onError: (error) => {
      onClose();
      problemNotice(error);
    },
  });
  return (
    <ConfirmModal
      opened={invitation !== null}
      onClose={onClose}
      onConfirm={() => invitation && revoke.mutate(invitation)}
      pending={revoke.isPending}
      title={t("invitations.revokeTitle")}
      confirmLabel={t("invitations.revoke")}
    >
      {invitation ? t("invitations.revokeBody", { email: invitation.email }) : ""}
    </ConfirmModal>
  );
}

interface ListProps {
  items: Invitation[];
  networkId: string;
  onRevoke: (invitation: Invitation) => void;
}

const canResend = (invitation: Invitation) => invitation.state === "pending" || invitation.state === "expired";

function InvitationMenu({ invitation, networkId, onRevoke }: { invitation: Invitation; networkId: string; onRevoke: () => void }) {
  const t = useT();
  const resend = useResend(networkId);
  if (!canResend(invitation)) return null;
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          loading={resend.isPending}
          aria-label={t("invitations.actionsFor", { email: invitation.email })}
        >
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconSend size={16} aria-hidden />} onClick={() => resend.mutate(invitation)}>
          {t("invitations.resend")}
        </Menu.Item>
        {invitation.state === "pending" && (
          <Menu.Item color="red" leftSection={<IconX size={16} aria-hidden />} onClick={onRevoke}>
            {t("invitations.revoke")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function WhoBlock({ invitation }: { invitation: Invitation }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      {invitation.name && (
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {invitation.name}
        </Text>
      )}
      <Anchor
        href={`mailto:${invitation.email}`}
        size="sm"
        c={invitation.name ? "dimmed" : undefined}
        fw={invitation.name ? undefined : 600}
        style={{ overflowWrap: "anywhere" }}
      >
        {invitation.email}
      </Anchor>
    </Stack>
  );
}

/** Sent (how often), opened, accepted, expiry, and who invited: what an admin checks before resending. */
function DeliveryLines({ invitation }: { invitation: Invitation }) {
  const t = useT();
  const format = useFormat();
  const lines = [
    invitation.sendCount > 1
      ? t("invitations.sentTimes", { date: format.date(invitation.sentAt), count: format.number(invitation.sendCount) })
      : t("invitations.sentOn", { date: format.date(invitation.sentAt) }),
  ];
  if (invitation.acceptedAt) lines.push(t("invitations.acceptedOn", { date: format.date(invitation.acceptedAt) }));
  else if (invitation.openedAt) lines.push(t("invitations.openedOn", { date: format.date(invitation.openedAt) }));
  else if (invitation.state === "pending" || invitation.state === "expired") lines.push(t("invitations.notOpened"));
  if (invitation.state === "pending") lines.push(t("invitations.expiresOn", { date: format.date(invitation.expiresAt) }));
  if (invitation.state === "expired") lines.push(t("invitations.expiredOn", { date: format.date(invitation.expiresAt) }));
  if (invitation.invitedByName) lines.push(t("invitations.invitedBy", { name: invitation.invitedByName }));
  return (
    <Stack gap={0}>
      {lines.map((line) => (
        <Text key={line} size="xs" c="dimmed">
          {line}
        </Text>
      ))}
    </Stack>
  );
}

function InvitationsTable({ items, networkId, onRevoke }: ListProps) {
  const t = useT();
  const format = useFormat();
  return (
    <DataTable
      minWidth={720}
      visibleFrom="sm"
      caption={t("invitations.caption", { count: format.number(items.length) })}
      columns={[
        { label: t("invitations.colPerson") },
        { label: t("invitations.role") },
        { label: t("invitations.stateFilter") },
        { label: t("invitations.colDelivery") },
        { label: t("invitations.colActions"), hidden: true },
      ]}
    >
      {items.map((invitation) => (
        <Table.Tr key={invitation.id}>
          <Table.Td maw={300}>
            <WhoBlock invitation={invitation} />
          </Table.Td>
          <Table.Td>
            <RoleBadge role={invitation.role} />
          </Table.Td>
          <Table.Td>
            <InvitationStateBadge state={invitation.state} />
          </Table.Td>
          <Table.Td>
            <DeliveryLines invitation={invitation} />
          </Table.Td>
          <Table.Td ta="end" w={56}>
            <InvitationMenu invitation={invitation} networkId={networkId} onRevoke={() => onRevoke(invitation)} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function InvitationCards({ items, networkId, onRevoke }: ListProps) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} hiddenFrom="sm" style={{ listStyle: "none" }}>
      {items.map((invitation) => (
        <Paper component="li" key={invitation.id} withBorder p="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <WhoBlock invitation={invitation} />
            <InvitationMenu invitation={invitation} networkId={networkId} onRevoke={() => onRevoke(invitation)} />
          </Group>
          <Group gap="xs" mt="xs">
            <RoleBadge role={invitation.role} />
            <InvitationStateBadge state={invitation.state} />
          </Group>
          <Stack mt="xs" gap={0}>
            <DeliveryLines invitation={invitation} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
