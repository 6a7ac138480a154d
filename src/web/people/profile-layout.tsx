// The two pages where I edit my profile (/me/profile and /n/:slug/profile): the form, and beside it
// (above it on a phone) how complete the profile is, when it was last updated, and what else the
// page links to.
import { Grid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { MyMemberProfile, MyProfile } from "../../shared/contract/people.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { CompletenessMeter } from "./profile-completeness.tsx";

export function ProfileLayout({
  profile,
  aside,
  children,
}: {
  profile: Pick<MyProfile | MyMemberProfile, "completeness" | "updatedAt">;
  aside: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
        <Stack gap="md">
          <CompletenessMeter percent={profile.completeness.percent} next={profile.completeness.next} />
          <Text size="xs" c="dimmed">
            {profile.updatedAt ? t("profile.updatedAt", { date: format.date(profile.updatedAt) }) : t("profile.neverUpdated")}
          </Text>
          {aside}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
        {children}
      </Grid.Col>
    </Grid>
  );
}
