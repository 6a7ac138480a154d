// /account — the member's own settings, one tab per concern; the tab is kept in ?tab= so links and
// the back button land on the right one.
import { Paper, Tabs, Title } from "@mantine/core";
import { IconCalendarEvent, IconDatabaseExport, IconDevices, IconKey, IconTrash, IconUser } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../platform/hooks/use-me.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { DeleteAccountSection } from "./delete-account-section.tsx";
import { ExportSection } from "./export-section.tsx";
import { PasswordSection } from "./password-section.tsx";
import { ProfileSection } from "./profile-section.tsx";
import { SessionsSection } from "./sessions-section.tsx";
import { CalendarFeedSection } from "../events/calendar-feed-section.tsx";

const tabs = ["profile", "password", "sessions", "calendar", "data", "delete"] as const;
type Tab = (typeof tabs)[number];

const tabLabels: Record<Tab, MessageKey> = {
  profile: "account.tab.profile",
  password: "account.tab.password",
  sessions: "account.tab.sessions",
  calendar: "calendarFeed.tab",
  data: "account.tab.data",
  delete: "account.tab.delete",
};

const tabIcons: Record<Tab, ReactNode> = {
  profile: <IconUser size={16} aria-hidden />,
  password: <IconKey size={16} aria-hidden />,
  sessions: <IconDevices size={16} aria-hidden />,
  calendar: <IconCalendarEvent size={16} aria-hidden />,
  data: <IconDatabaseExport size={16} aria-hidden />,
  delete: <IconTrash size={16} aria-hidden />,
};

function isTab(value: string | null): value is Tab {
  return value !== null && (tabs as readonly string[]).includes(value);
}

export function AccountPage() {
  const t = useT();
  const { account } = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("tab");
  const tab: Tab = isTab(requested) ? requested : "profile";
  usePageTitle(`${t(tabLabels[tab])} – ${t("account.title")}`);

  const panels: Record<Tab, ReactNode> = {
    profile: <ProfileSection account={account} />,
    password: <PasswordSection />,
    sessions: <SessionsSection />,
    calendar: <CalendarFeedSection />,
    data: <ExportSection />,
    delete: <DeleteAccountSection />,
  };

  return (
    <>
      <PageHeader title={t("account.title")} description={account.email} />
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isTab(value)) setSearchParams(value === "profile" ? {} : { tab: value }, { replace: true });
        }}
        keepMounted={false}
        variant="pills"
        radius="xl"
      >
        <Tabs.List mb="lg" style={{ gap: 6 }}>
          {tabs.map((value) => (
            <Tabs.Tab key={value} value={value} leftSection={tabIcons[value]} color={value === "delete" ? "red" : undefined}>
              {t(tabLabels[value])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((value) => (
          <Tabs.Panel key={value} value={value}>
            <Paper withBorder p={{ base: "md", sm: "lg" }}>
              <Title order={2} size="h3" mb="md">
                {t(tabLabels[value])}
              </Title>
              {panels[value]}
            </Paper>
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
