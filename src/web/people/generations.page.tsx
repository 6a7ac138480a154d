// /n/:slug/people/generations — 縦・横のつながり: for each department I was in, the people of my
// generation and those before and after me. Built from what I stated (or the admins' import);
// without a department or join year there is nothing to compare, so the page asks for them.
import { Button, Stack, Text } from "@mantine/core";
import { IconHierarchy2 } from "@tabler/icons-react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { EmptyView, ErrorState } from "../platform/ui/page-states.tsx";
import { DirectoryFrame } from "./directory-frame.tsx";
import { useGenerations } from "./directory-queries.ts";
import { CardSkeletons } from "./directory-results.tsx";
import { GenerationsDepartment } from "./generations-department.tsx";
import { myMemberProfilePath } from "./suggestions-list.tsx";

function Generations({ network }: { network: MyNetwork }) {
  const t = useT();
  const query = useGenerations(network.id);
  if (query.isPending) return <CardSkeletons count={3} label={t("common.loading")} />;
  if (query.isError) return <ErrorState title={t("generations.error")} error={query.error} onRetry={() => void query.refetch()} />;
  const { myJoinYear, departments } = query.data;
  if (departments.length === 0)
    return (
      <EmptyView title={t("generations.emptyTitle")} description={t("generations.emptyBody")} icon={<IconHierarchy2 aria-hidden />}>
        <Button component={Link} to={myMemberProfilePath(network.slug)} variant="light">
          {t("generations.editProfile")}
        </Button>
      </EmptyView>
    );
  return (
    <Stack gap="md">
      {myJoinYear !== null && (
        <Text size="sm" c="dimmed">
          {t("generations.myJoinYear", { year: myJoinYear })}
        </Text>
      )}
      {departments.map((department) => (
        <GenerationsDepartment key={department.department} network={network} {...department} />
      ))}
    </Stack>
  );
}

export function GenerationsPage() {
  const t = useT();
  return (
    <DirectoryFrame section="generations" title={t("generations.title")} description={t("generations.lead")}>
      {(network) => <Generations network={network} />}
    </DirectoryFrame>
  );
}
