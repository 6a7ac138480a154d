// The frame of every member-management page (/n/:slug/manage/…): resolves :slug to one of the
// signed-in account's networks, lets only its admins in, sets the page title, and shows the links
// between the sections (members, invitations, imports, join requests, reports, co-host invitations,
// audit log).
import { Anchor, Button, Stack } from "@mantine/core";
import {
  IconArrowLeft,
  IconBuildingCommunity,
  IconFileImport,
  IconFlag,
  IconHistory,
  IconLock,
  IconMailForward,
  IconUserQuestion,
  IconUsers,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, NotFoundState } from "../platform/ui/page-states.tsx";
import { SectionNav } from "../platform/ui/section-nav.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";

export type ManageSection = "members" | "invitations" | "imports" | "requests" | "reports" | "cohostInvitations" | "audit";

const sections: { key: ManageSection; path: string; label: MessageKey; icon: typeof IconUsers }[] = [
  { key: "members", path: "members", label: "manage.nav.members", icon: IconUsers },
  { key: "invitations", path: "invitations", label: "manage.nav.invitations", icon: IconMailForward },
  { key: "imports", path: "imports", label: "manage.nav.imports", icon: IconFileImport },
  { key: "requests", path: "requests", label: "manage.nav.requests", icon: IconUserQuestion },
  { key: "reports", path: "reports", label: "reports.nav", icon: IconFlag },
  { key: "cohostInvitations", path: "cohost-invitations", label: "manage.nav.cohostInvitations", icon: IconBuildingCommunity },
  { key: "audit", path: "audit", label: "manage.nav.audit", icon: IconHistory },
];

export function managePath(slug: string, section: ManageSection): string {
  return `/n/${slug}/manage/${sections.find((s) => s.key === section)?.path ?? section}`;
}

export function ManageFrame({
  section,
  title,
  description,
  actions,
  children,
}: {
  section: ManageSection;
  /** The page's <h1>; also the first part of the document title. */
  title: string;
  description?: ReactNode;
  actions?: (network: MyNetwork) => ReactNode;
  children: (network: MyNetwork) => ReactNode;
}) {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(network ? t("manage.titleFor", { page: title, name: network.name }) : t("notFound.title"));

  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (network.role !== "admin") {
    return (
      <EmptyView
        headingOrder={1}
        icon={<IconLock aria-hidden />}
        title={t("manage.forbiddenTitle")}
        description={t("manage.forbiddenBody")}
      >
        <Button component={Link} to={`/n/${network.slug}`} variant="light">
          {t("manage.backHome", { name: network.name })}
        </Button>
      </EmptyView>
    );
  }
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Anchor component={Link} to={`/n/${network.slug}`} size="sm" style={{ alignSelf: "flex-start" }}>
          <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
          {t("manage.backHome", { name: network.name })}
        </Anchor>
        <ManageNav slug={network.slug} current={section} />
      </Stack>
      <PageHeader title={title} description={description ?? network.name} actions={actions?.(network)} />
      {children(network)}
    </Stack>
  );
}

function ManageNav({ slug, current }: { slug: string; current: ManageSection }) {
  const t = useT();
  const links = sections.map(({ key, label, icon }) => ({ key, to: managePath(slug, key), label: t(label), icon }));
  return <SectionNav label={t("manage.navLabel")} links={links} current={current} />;
}
