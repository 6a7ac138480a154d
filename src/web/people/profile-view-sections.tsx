// The parts of someone's profile page below its header: at this company (years, departments,
// employment type, open to), about (industry, place, languages), career, skills and interests,
// links, and for the admins what their import says. Every value is the server's, already without
// what the viewer may not see: a hidden field is null and its row is simply not there.
import { Anchor, Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconDatabaseImport, IconExternalLink } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { MemberProfile } from "../../shared/contract/people.ts";
import { locationLabel } from "../../shared/people.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import { employmentTypeLabel, industryLabel, languageLabel, openToLabel } from "./profile-labels.ts";

type Source = "member" | "import";

/** 「2012〜2015年」, 「2012年〜」, 「〜2015年」 — or nothing without years. */
export function yearRange(t: Translate, from: number | null, to: number | null): string | null {
  if (from !== null && to !== null)
    return from === to ? t("profileView.yearsOne", { year: from }) : t("profileView.yearsRange", { from, to });
  if (from !== null) return t("profileView.yearsFrom", { from });
  if (to !== null) return t("profileView.yearsTo", { to });
  return null;
}

/** The small 「事務局の登録」 marker beside a value that came from the admins' CSV import. */
export function ImportMarker({ source }: { source: Source }) {
  const t = useT();
  if (source !== "import") return null;
  return (
    <Badge size="xs" variant="outline" color="gray" tt="none" mx={4} title={t("profileView.importedHint")}>
      {t("profileView.imported")}
    </Badge>
  );
}

export function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A definition list of label → value rows; rows without a value are left out. */
export function Facts({ rows }: { rows: [label: string, value: ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== "" && value !== false);
  if (shown.length === 0) return null;
  return (
    <Stack component="dl" gap="xs" m={0}>
      {shown.map(([label, value]) => (
        <Group key={label} gap="md" align="baseline" wrap="wrap">
          <Text component="dt" size="sm" c="dimmed" w={{ base: "100%", xs: 120 }} style={{ flexShrink: 0 }}>
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** A part of a block under its own small heading. */
function SubBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed" component="h3" fw={400} m={0}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** Values as tags under a small heading; nothing when there are none. */
function TagGroup({ title, values, color }: { title: string; values: string[]; color: string }) {
  if (values.length === 0) return null;
  return (
    <SubBlock title={title}>
      <Group component="ul" gap={6} m={0} p={0} aria-label={title} style={{ listStyle: "none" }}>
        {values.map((value) => (
          <Badge key={value} component="li" variant="light" color={color} tt="none" size="lg" fw={500}>
            {value}
          </Badge>
        ))}
      </Group>
    </SubBlock>
  );
}

/** 「2012年入社・2019年退職」 (or 「・在籍中」 for an employee), each year marked when the import gave it. */
function YearsValue({ person }: { person: MemberProfile }) {
  const t = useT();
  const { joinYear, leaveYear } = person;
  const parts: ReactNode[] = [];
  if (joinYear)
    parts.push(
      <span key="join">
        {t("memberProfile.imported.joined", { year: joinYear.value })}
        <ImportMarker source={joinYear.source} />
      </span>,
    );
  if (leaveYear)
    parts.push(
      <span key="leave">
        {t("memberProfile.imported.left", { year: leaveYear.value })}
        <ImportMarker source={leaveYear.source} />
      </span>,
    );
  else if (person.role === "employee") parts.push(<span key="here">{t("profileView.stillHere")}</span>);
  return parts.flatMap((part, i) => (i === 0 ? [part] : [<span key={`sep-${i}`}>{t("profileView.yearsSeparator")}</span>, part]));
}

export function AtCompany({ person, networkName }: { person: MemberProfile; networkName: string }) {
  const t = useT();
  const { locale } = useLocale();
  const departments = person.departments ?? [];
  const openTo = person.openTo ?? [];
  const hasAny = person.joinYear || person.leaveYear || departments.length > 0 || person.employmentType || openTo.length > 0;
  if (!hasAny) return null;
  return (
    <Block title={t("profileView.atCompany", { name: networkName })}>
      <Stack gap="md">
        <Facts
          rows={[
            [t("profile.field.years"), person.joinYear || person.leaveYear ? <YearsValue person={person} /> : null],
            [t("profile.field.employmentType"), person.employmentType ? employmentTypeLabel(person.employmentType, locale) : null],
          ]}
        />
        {departments.length > 0 && (
          <SubBlock title={t("profile.field.departments")}>
            <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: "none" }}>
              {departments.map((d, i) => (
                <Group key={i} component="li" gap={8} wrap="wrap" align="baseline">
                  <Text size="sm" fw={700}>
                    {d.department}
                  </Text>
                  {d.position && <Text size="sm">{d.position}</Text>}
                  {yearRange(t, d.fromYear, d.toYear) && (
                    <Text size="sm" c="dimmed">
                      {yearRange(t, d.fromYear, d.toYear)}
                    </Text>
                  )}
                  <ImportMarker source={d.source} />
                </Group>
              ))}
            </Stack>
          </SubBlock>
        )}
        <TagGroup title={t("profile.field.openTo")} values={openTo.map((flag) => openToLabel(flag, locale))} color="teal" />
      </Stack>
    </Block>
  );
}

export function About({ person }: { person: MemberProfile }) {
  const t = useT();
  const { locale } = useLocale();
  const languages = person.languages ?? [];
  const rows: [string, ReactNode][] = [
    [t("profile.field.industry"), person.industry ? industryLabel(person.industry, locale) : null],
    [t("profile.field.location"), person.location ? locationLabel(person.location, locale) : null],
    [
      t("profile.field.languages"),
      languages.length > 0 ? languages.map((code) => languageLabel(code, locale)).join(locale === "ja" ? "、" : ", ") : null,
    ],
  ];
  if (rows.every(([, value]) => value === null)) return null;
  return (
    <Block title={t("profileView.about")}>
      <Facts rows={rows} />
    </Block>
  );
}

export function Career({ person }: { person: MemberProfile }) {
  const t = useT();
  const career = person.career ?? [];
  if (career.length === 0) return null;
  return (
    <Block title={t("profile.field.career")}>
      <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
        {career.map((c, i) => (
          <Stack key={i} component="li" gap={0} pl="sm" style={{ borderInlineStart: "3px solid var(--mantine-color-ai-2)" }}>
            <Text size="sm" fw={700} style={{ overflowWrap: "anywhere" }}>
              {c.company}
            </Text>
            {c.role && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {c.role}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {c.fromYear !== null && c.toYear === null
                ? t("profileView.careerSince", { from: c.fromYear })
                : yearRange(t, c.fromYear, c.toYear)}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Block>
  );
}

export function SkillsAndInterests({ person }: { person: MemberProfile }) {
  const t = useT();
  const skills = person.skills ?? [];
  const interests = person.interests ?? [];
  if (skills.length === 0 && interests.length === 0) return null;
  return (
    <Block title={t("profile.section.skills")}>
      <Stack gap="md">
        <TagGroup title={t("profile.field.skills")} values={skills} color="ai" />
        <TagGroup title={t("profile.field.interests")} values={interests} color="grape" />
      </Stack>
    </Block>
  );
}

/** The address without its scheme, for links the member gave no label. */
const shortUrl = (url: string) => url.replace(/^https?:\/\//i, "").replace(/\/$/, "");

export function Links({ person }: { person: MemberProfile }) {
  const t = useT();
  const links = person.links ?? [];
  if (links.length === 0) return null;
  return (
    <Block title={t("profile.field.links")}>
      <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: "none" }}>
        {links.map((link, i) => (
          <li key={i}>
            {/* Addresses members typed: never followed with our referrer or our reputation. */}
            <Anchor href={link.url} target="_blank" rel="noopener noreferrer nofollow" size="sm" style={{ overflowWrap: "anywhere" }}>
              {link.label || shortUrl(link.url)}
              <IconExternalLink size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineStart: 4 }} />
              <VisuallyHidden>{t("profileView.opensInNewTab")}</VisuallyHidden>
            </Anchor>
          </li>
        ))}
      </Stack>
    </Block>
  );
}

/** Admins only: what the CSV import says, whatever the member wrote. */
export function ImportedBlock({ imported }: { imported: NonNullable<MemberProfile["imported"]> }) {
  const t = useT();
  return (
    <Paper withBorder p="md" radius="md" bg="gray.0" component="section" aria-label={t("profileView.importedTitle")}>
      <Group gap={6} mb="xs" wrap="nowrap">
        <IconDatabaseImport size={18} aria-hidden />
        <Title order={2} size="h5">
          {t("profileView.importedTitle")}
        </Title>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t("profileView.importedLead")}
      </Text>
      <Facts
        rows={[
          [t("profile.field.joinYear"), imported.joinYear !== null ? String(imported.joinYear) : t("profileView.none")],
          [t("profile.field.leaveYear"), imported.leaveYear !== null ? String(imported.leaveYear) : t("profileView.none")],
          [t("profileView.importedDepartment"), imported.department ?? t("profileView.none")],
        ]}
      />
    </Paper>
  );
}
