// The frame of the ways to find people in a network (/n/:slug/people, …/suggestions,
// …/generations): resolves :slug to one of the signed-in account's networks, sets the page title
// and links the three pages. Links, not tabs: each is its own page with its own URL.
import { Stack } from "@mantine/core";
import { IconHierarchy2, IconSparkles, IconUsers } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { NotFoundState } from "../platform/ui/page-states.tsx";
import { SectionNav } from "../platform/ui/section-nav.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";

export type PeopleSection = "directory" | "suggestions" | "generations";

const sections: { key: PeopleSection; path: string; label: MessageKey; icon: typeof IconUsers }[] = [
  { key: "directory", path: "", label: "directory.tab.all", icon: IconUsers },
  { key: "suggestions", path: "/suggestions", label: "directory.tab.suggestions", icon: IconSparkles },
  { key: "generations", path: "/generations", label: "directory.tab.generations", icon: IconHierarchy2 },
];

export function peoplePath(slug: string, section: PeopleSection = "directory"): string {
  return `/n/${slug}/people${sections.find((s) => s.key === section)?.path ?? ""}`;
}

export function DirectoryFrame({
  section,
  title,
  description,
  children,
}: {
  section: PeopleSection;
  /** The page's <h1>; also the document title. */
  title: string;
  description: string;
  children: (network: MyNetwork) => ReactNode;
}) {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(network ? title : t("notFound.title"));
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <Stack gap="md">
      <PeopleNav slug={network.slug} current={section} />
      <PageHeader title={title} description={description} />
      {children(network)}
    </Stack>
  );
}

function PeopleNav({ slug, current }: { slug: string; current: PeopleSection }) {
  const t = useT();
  const links = sections.map(({ key, label, icon }) => ({ key, to: peoplePath(slug, key), label: t(label), icon }));
  return <SectionNav label={t("directory.tabsLabel")} links={links} current={current} />;
}
