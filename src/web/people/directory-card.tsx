// One person as a card: the directory's results, "people you may know" and the generations all
// show members this way. With a search, the hits in the name and reading are marked, and the other
// fields that matched are listed under the card with their hits marked. Every text is the server's
// (already without what the viewer may not see); nothing is ever rendered as HTML.
import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useId } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { PersonCard } from "../../shared/contract/people.ts";
import { openToFlags } from "../../shared/people.ts";
import type { OpenToFlag } from "../../shared/people.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { MemberAvatar } from "./member-avatar.tsx";
import { highlightParts, matchFieldLabel, yearsLabel } from "./directory-format.ts";

type Ranges = readonly (readonly [number, number])[];

/** The text with its search hits in <mark>. */
export function Marked({ text, ranges }: { text: string; ranges: Ranges }) {
  if (ranges.length === 0) return text;
  return highlightParts(text, ranges).map((part, i) =>
    part.mark ? (
      <mark key={i} className="tsunagu-highlight">
        {part.text}
      </mark>
    ) : (
      <span key={i}>{part.text}</span>
    ),
  );
}

export const profilePath = (slug: string, memberId: string) => `/n/${slug}/people/${memberId}`;

function OpenToBadges({ flags }: { flags: string[] }) {
  const t = useT();
  const { locale } = useLocale();
  const known = flags.filter((flag): flag is OpenToFlag => flag in openToFlags);
  if (known.length === 0) return null;
  return (
    <Group component="ul" gap={4} aria-label={t("directory.card.openTo")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {known.map((flag) => (
        <Badge key={flag} component="li" size="sm" variant="light" color="teal" tt="none">
          {openToFlags[flag][locale]}
        </Badge>
      ))}
    </Group>
  );
}

function Matches({ person }: { person: PersonCard }) {
  const t = useT();
  if (person.matches.length === 0) return null;
  return (
    <Stack
      component="dl"
      gap={2}
      aria-label={t("directory.card.matches")}
      m={0}
      pt={6}
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
    >
      {person.matches.map((match, i) => (
        <Group key={i} gap={6} wrap="nowrap" align="baseline">
          <Text component="dt" size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {matchFieldLabel(t, match.field)}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere", minWidth: 0 }}>
            <Marked text={match.text} ranges={match.highlights} />
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * A member's card, an <article> named after them; `children` go at the bottom (the reasons and
 * actions of a suggestion).
 */
export function PersonCardView({ slug, person, children }: { slug: string; person: PersonCard; children?: ReactNode }) {
  const t = useT();
  const nameId = useId();
  const years = yearsLabel(t, person);
  const work = [person.company, person.position].filter((part): part is string => !!part).join(" ");
  return (
    <Paper component="article" withBorder p="md" radius="md" h="100%" aria-labelledby={nameId}>
      <Stack gap="xs" h="100%">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <MemberAvatar name={person.displayName} avatarUrl={person.avatarUrl} supporter={person.supporter} size={48} />
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Group gap={6} wrap="wrap" align="center">
              <Anchor component={Link} to={profilePath(slug, person.memberId)} fw={700} id={nameId} style={{ overflowWrap: "anywhere" }}>
                <Marked text={person.displayName} ranges={person.nameHighlights} />
              </Anchor>
              {person.supporter && (
                <Badge size="xs" variant="light" color="pink" tt="none">
                  {t("people.supporter")}
                </Badge>
              )}
            </Group>
            {person.nameReading && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                <Marked text={person.nameReading} ranges={person.readingHighlights} />
              </Text>
            )}
            {years && <Text size="sm">{years}</Text>}
            {work && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {work}
              </Text>
            )}
            {person.department && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {t("directory.card.department", { department: person.department })}
              </Text>
            )}
          </Stack>
        </Group>
        <OpenToBadges flags={person.openTo} />
        <Matches person={person} />
        {children}
      </Stack>
    </Paper>
  );
}
