// "/": open the network used last in this browser, else the first one; with none, say honestly
// that an invitation will come from the company's alumni office.
import { Button } from "@mantine/core";
import { IconMailForward, IconPlus } from "@tabler/icons-react";
import { Link, Navigate } from "react-router";
import { useMe } from "../platform/hooks/use-me.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { EmptyView } from "../platform/ui/page-states.tsx";
import { lastNetworkSlug } from "./last-network.ts";

export function HomeRedirectPage() {
  const { networks, account } = useMe();
  const t = useT();
  usePageTitle(networks.length === 0 ? t("home.emptyTitle") : null);
  const last = lastNetworkSlug();
  const target = networks.find((network) => network.slug === last) ?? networks[0];
  if (target) return <Navigate to={`/n/${target.slug}`} replace />;

  return (
    <EmptyView headingOrder={1} title={t("home.emptyTitle")} description={t("home.emptyBody")} icon={<IconMailForward aria-hidden />}>
      {account.isOperator && (
        <Button component={Link} to="/operator/networks/new" leftSection={<IconPlus size={18} aria-hidden />}>
          {t("home.createNetwork")}
        </Button>
      )}
    </EmptyView>
  );
}
