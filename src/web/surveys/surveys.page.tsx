// /n/:slug/surveys — the surveys waiting for my answer, those I manage (admins, event organisers)
// and those I answered lately, each with the way to answer, see the results or edit the draft.
import { Button, Stack, Text, Title } from "@mantine/core";
import { IconClipboardList, IconPlus } from "@tabler/icons-react";
import { useId } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SurveyCard } from "../../shared/contract/surveys.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { SurveyFrame } from "./survey-frame.tsx";
import { useSurveyT } from "./survey-i18n.ts";
import { SurveyListItem } from "./survey-list-item.tsx";
import { newSurveyPath, useSurveyList } from "./survey-queries.ts";

export function SurveysPage() {
  const st = useSurveyT();
  return (
    <SurveyFrame title={st("surveys.title")} back={false}>
      {(network) => <SurveyLists networkId={network.id} slug={network.slug} />}
    </SurveyFrame>
  );
}

function SurveyLists({ networkId, slug }: { networkId: string; slug: string }) {
  const st = useSurveyT();
  const query = useSurveyList(networkId);
  const create = query.data?.canCreate ? (
    <Button component={Link} to={newSurveyPath(slug)} leftSection={<IconPlus size={18} aria-hidden />}>
      {st("surveys.create")}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title={st("surveys.title")} description={st("surveys.lead")} actions={create} />
      {query.isPending ? (
        <LoadingState lines={6} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.toAnswer.length + query.data.managed.length + query.data.answered.length === 0 && !query.data.canCreate ? (
        <EmptyView title={st("surveys.emptyTitle")} description={st("surveys.emptyBody")} icon={<IconClipboardList aria-hidden />} />
      ) : (
        <Stack gap="xl">
          <Section title={st("surveys.toAnswer")}>
            <SurveyList slug={slug} items={query.data.toAnswer} empty={st("surveys.toAnswerEmpty")} />
          </Section>
          {(query.data.canCreate || query.data.managed.length > 0) && (
            <Section title={st("surveys.managed")}>
              <SurveyList slug={slug} items={query.data.managed} empty={st("surveys.managedEmpty")} />
            </Section>
          )}
          {query.data.answered.length > 0 && (
            <Section title={st("surveys.answered")}>
              <SurveyList slug={slug} items={query.data.answered} empty="" />
            </Section>
          )}
        </Stack>
      )}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function SurveyList({ slug, items, empty }: { slug: string; items: SurveyCard[]; empty: string }) {
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {empty}
      </Text>
    );
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {items.map((survey) => (
        <li key={survey.id}>
          <SurveyListItem slug={slug} survey={survey} />
        </li>
      ))}
    </Stack>
  );
}
