// /me/profile — my profile as a person, the same in every network: photo, reading of my name, what
// I do now, career, skills, links, languages, each field with who may see it. Beside it how
// complete it is, when it was last updated, the yearly "is this still current?", and the way to my
// profile at each company (years, departments, what I am open to).
import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { IconChevronRight } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { people } from "../../shared/contract/index.ts";
import type { MyProfile } from "../../shared/contract/people.ts";
import { useMe } from "../platform/hooks/use-me.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, queryClient } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { AvatarUpload } from "./avatar-upload.tsx";
import { ConfirmBanner } from "./profile-confirm-banner.tsx";
import { ProfileForm, Section } from "./profile-form.tsx";
import { ProfileLayout } from "./profile-layout.tsx";

const myProfileQuery = () => apiQuery(people.getMyProfile);

/** A new profile: this page's cache, and every cached page that shows people (names, avatars, fields). */
function adopt(profile: MyProfile, everywhere: boolean) {
  queryClient.setQueryData(myProfileQuery().queryKey, profile);
  // An avatar appears in posts, messages and lists; the old file is gone once replaced.
  if (everywhere) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== people.getMyProfile.id });
  else {
    void queryClient.invalidateQueries({ queryKey: [people.getMemberProfile.id] });
    void queryClient.invalidateQueries({ queryKey: [people.listDirectory.id] });
  }
}

function NetworkProfiles() {
  const t = useT();
  const { networks } = useMe();
  if (networks.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="nav" aria-labelledby="network-profiles-title">
      <Title order={2} size="h5" mb={4} id="network-profiles-title">
        {t("profile.networks.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("profile.networks.lead")}
      </Text>
      <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
        {networks.map((network) => (
          <li key={network.id}>
            <Anchor component={Link} to={`/n/${network.slug}/profile`} size="sm">
              {t("profile.networks.at", { name: network.name })}
              <IconChevronRight size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineStart: 2 }} />
            </Anchor>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

export function MyProfilePage() {
  const t = useT();
  const { account } = useMe();
  usePageTitle(t("profile.title"));
  const query = useQuery(myProfileQuery());

  return (
    <>
      <PageHeader title={t("profile.title")} description={t("profile.lead")} />
      {query.isPending ? (
        <LoadingState lines={10} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ProfileLayout profile={query.data} aside={<NetworkProfiles />}>
          <Stack gap="lg">
            {query.data.confirmDue && <ConfirmBanner updatedAt={query.data.updatedAt} onConfirmed={(p) => adopt(p, false)} />}
            <Section title={t("profile.section.photo")}>
              <AvatarUpload name={account.displayName} avatarUrl={query.data.avatarUrl} onChanged={(p) => adopt(p, true)} />
              <Text size="sm">
                {t("profile.displayName", { name: account.displayName })}{" "}
                <Anchor component={Link} to="/account" size="sm">
                  {t("profile.displayNameEdit")}
                </Anchor>
              </Text>
            </Section>
            <ProfileForm key={query.data.accountId} profile={query.data} onSaved={(p) => adopt(p, false)} />
          </Stack>
        </ProfileLayout>
      )}
    </>
  );
}
