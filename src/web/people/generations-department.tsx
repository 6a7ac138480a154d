// One of my departments in "generations" (縦・横のつながり): my generation — joined within two
// years of me (横) — and the other generations (縦), grouped under their join year, oldest first;
// people whose join year the viewer cannot see come last.
import { Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { PersonCard } from "../../shared/contract/people.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { PersonCardView } from "./directory-card.tsx";

const listReset = { listStyle: "none", padding: 0, margin: 0 } as const;

/** People by join year, ascending, with the unknown year (null) last. */
export function byJoinYear(people: readonly PersonCard[]): [number | null, PersonCard[]][] {
  const groups = new Map<number | null, PersonCard[]>();
  for (const person of people) groups.set(person.joinYear, [...(groups.get(person.joinYear) ?? []), person]);
  return [...groups.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b));
}

function People({ network, people }: { network: MyNetwork; people: readonly PersonCard[] }) {
  return (
    <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" style={listReset}>
      {people.map((person) => (
        <li key={person.memberId}>
          <PersonCardView slug={network.slug} person={person} />
        </li>
      ))}
    </SimpleGrid>
  );
}

export function GenerationsDepartment({
  network,
  department,
  sameGeneration,
  otherGenerations,
}: {
  network: MyNetwork;
  department: string;
  sameGeneration: PersonCard[];
  otherGenerations: PersonCard[];
}) {
  const t = useT();
  const titleId = useId();
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder p="md" radius="md">
      <Stack gap="md">
        <Title order={2} size="h3" id={titleId} style={{ overflowWrap: "anywhere" }}>
          {department}
        </Title>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("generations.same")}
          </Title>
          {sameGeneration.length > 0 ? (
            <People network={network} people={sameGeneration} />
          ) : (
            <Text size="sm" c="dimmed">
              {t("generations.noneSame")}
            </Text>
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("generations.other")}
          </Title>
          {otherGenerations.length > 0 ? (
            byJoinYear(otherGenerations).map(([year, people]) => (
              <Stack key={year ?? "unknown"} gap={6}>
                <Title order={4} size="h6" c="dimmed">
                  {year === null ? t("generations.joinYearUnknown") : t("generations.joinYear", { year })}
                </Title>
                <People network={network} people={people} />
              </Stack>
            ))
          ) : (
            <Text size="sm" c="dimmed">
              {t("generations.noneOther")}
            </Text>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
