// /n/:slug/people/:memberId — someone's profile as I may see it: the avatar with the supporter
// frame, name and its reading, role, what they do now, their years and departments at this company,
// what they are open to, career, skills, links. A button opens a direct message (their own "who may
// message me" decides; a refusal is shown as the server words it); on my own profile, links to
// edit it instead. A blocked or departed member answers 404, shown as "not found".
import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconHeartHandshake, IconMessageCircle, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { people } from "../../shared/contract/index.ts";
import type { MemberProfile } from "../../shared/contract/people.ts";
import { isApiError } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery } from "../platform/query.ts";
import { EmptyView, ErrorState, NotFoundState } from "../platform/ui/page-states.tsx";
import { RoleBadge } from "../members/member-badges.tsx";
import { useMessageMember } from "../messages/use-message-member.ts";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { MemberAvatar } from "./member-avatar.tsx";
import { About, AtCompany, Career, ImportedBlock, Links, SkillsAndInterests } from "./profile-view-sections.tsx";

const avatarSize = 96;

function MessageButton({ network, person }: { network: MyNetwork; person: MemberProfile }) {
  const t = useT();
  const open = useMessageMember(network);
  return (
    <Button leftSection={<IconMessageCircle size={18} aria-hidden />} loading={open.isPending} onClick={() => open.mutate(person.memberId)}>
      {t("profileView.message")}
    </Button>
  );
}

function Header({ network, person }: { network: MyNetwork; person: MemberProfile }) {
  const t = useT();
  const format = useFormat();
  const work = [person.position, person.company].filter((part): part is string => Boolean(part));
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <Stack gap="md">
        <Group gap="lg" align="flex-start" wrap="nowrap">
          <MemberAvatar
            name={person.displayName}
            avatarUrl={person.avatarUrl}
            supporter={person.supporterSince !== null}
            size={avatarSize}
          />
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Title order={1} style={{ overflowWrap: "anywhere" }}>
              {person.displayName}
            </Title>
            {person.nameReading && (
              <Text size="sm" c="dimmed" lang="ja" style={{ overflowWrap: "anywhere" }}>
                {person.nameReading}
              </Text>
            )}
            <Group gap={6} mt={4}>
              <RoleBadge role={person.role} />
              {person.supporterSince && (
                <Badge variant="light" color="pink" leftSection={<IconHeartHandshake size={12} aria-hidden />} tt="none">
                  {t("profileView.supporterSince", { date: format.date(person.supporterSince) })}
                </Badge>
              )}
            </Group>
          </Stack>
        </Group>
        {person.headline && (
          <Text size="md" style={{ overflowWrap: "anywhere" }}>
            {person.headline}
          </Text>
        )}
        {work.length > 0 && (
          <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
            {work.join(t("profileView.workSeparator"))}
          </Text>
        )}
        <Group gap="sm">
          {person.isMe ? (
            <>
              <Button component={Link} to="/me/profile" variant="light" leftSection={<IconPencil size={18} aria-hidden />}>
                {t("profileView.edit")}
              </Button>
              <Button component={Link} to={`/n/${network.slug}/profile`} variant="default">
                {t("profileView.editAtCompany")}
              </Button>
            </>
          ) : (
            <MessageButton network={network} person={person} />
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Nothing but the name to show: the member has not written a profile, or shows it to others only. */
function isEmpty(person: MemberProfile): boolean {
  const lists = [person.career, person.skills, person.interests, person.links, person.languages, person.departments, person.openTo];
  return (
    !person.industry &&
    !person.location &&
    !person.employmentType &&
    !person.joinYear &&
    !person.leaveYear &&
    lists.every((list) => list === null || list.length === 0)
  );
}

function ProfileSkeleton() {
  const t = useT();
  return (
    <Stack gap="lg" role="status" aria-live="polite" aria-label={t("common.loading")}>
      <Paper withBorder p="lg" radius="md">
        <Group gap="lg" wrap="nowrap">
          <Skeleton circle height={avatarSize} />
          <Stack gap="xs" style={{ flex: 1 }}>
            <Skeleton height={28} width="50%" />
            <Skeleton height={14} width="30%" />
            <Skeleton height={20} width={120} />
          </Stack>
        </Group>
        <Skeleton height={14} mt="lg" />
        <Skeleton height={14} mt="xs" width="70%" />
      </Paper>
      {[1, 2].map((i) => (
        <Paper key={i} withBorder p="lg" radius="md">
          <Skeleton height={20} width="35%" mb="md" />
          <Skeleton height={14} mb="xs" />
          <Skeleton height={14} width="80%" />
        </Paper>
      ))}
    </Stack>
  );
}

export function MemberProfilePage() {
  const { slug, memberId = "" } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  const format = useFormat();
  const query = useQuery({
    ...apiQuery(people.getMemberProfile, { params: { networkId: network?.id ?? "", memberId } }),
    enabled: network !== undefined,
  });
  usePageTitle(query.data ? query.data.displayName : query.isError ? t("profileView.notFoundTitle") : t("profileView.title"));

  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  const back = (
    <Anchor component={Link} to={`/n/${network.slug}/people`} size="sm">
      <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
      {t("profileView.back")}
    </Anchor>
  );
  if (query.isPending)
    return (
      <Stack gap="lg" maw={760}>
        {back}
        <ProfileSkeleton />
      </Stack>
    );
  if (query.isError) {
    // A malformed id fails the path's validation (400) — for the visitor the same as an unknown one.
    if (isApiError(query.error, "not_found") || isApiError(query.error, "validation_failed"))
      return <NotFoundState title={t("profileView.notFoundTitle")} description={t("profileView.notFoundBody")} />;
    return (
      <Stack gap="lg" maw={760}>
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  const person = query.data;
  return (
    <Stack gap="lg" maw={760}>
      {back}
      <Header network={network} person={person} />
      {person.imported && <ImportedBlock imported={person.imported} />}
      {isEmpty(person) ? (
        <Paper withBorder radius="md">
          <EmptyView
            headingOrder={2}
            title={person.isMe ? t("profileView.emptyMineTitle") : t("profileView.emptyTitle")}
            description={person.isMe ? t("profileView.emptyMineBody") : t("profileView.emptyBody", { name: person.displayName })}
          >
            {person.isMe && (
              <Button component={Link} to="/me/profile">
                {t("profileView.edit")}
              </Button>
            )}
          </EmptyView>
        </Paper>
      ) : (
        <>
          <AtCompany person={person} networkName={network.name} />
          <About person={person} />
          <Career person={person} />
          <SkillsAndInterests person={person} />
          <Links person={person} />
        </>
      )}
      <Text size="xs" c="dimmed">
        {person.updatedAt ? t("profile.updatedAt", { date: format.date(person.updatedAt) }) : t("profile.neverUpdated")}
      </Text>
    </Stack>
  );
}
