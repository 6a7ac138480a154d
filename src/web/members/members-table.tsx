// The managed members as a table (scrolls sideways when narrow) and, on phones, as cards: name and
// reading, role and status, years and departments as they stand (the member's own, else the HR
// data) with the HR data beside them when it differs, current work, location, what they are open
// to. A checkbox on each for the bulk actions; the header's selects every member shown.
import { Anchor, Badge, Checkbox, Group, Paper, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import { employmentTypes, industries, locationLabel, openToFlags } from "../../shared/people.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { MemberStatusBadge, RoleBadge, SupporterBadge } from "./member-badges.tsx";
import { MemberMenu } from "./member-actions.tsx";
import type { MemberAction } from "./member-actions.tsx";
import { ScrollTable } from "./scroll-table.tsx";

export interface MemberListProps {
  items: ManagedMember[];
  isSelf: (member: ManagedMember) => boolean;
  onAction: (member: ManagedMember) => (action: MemberAction) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
}

/** "2015年入社・2021年退職". */
export function tenureText(t: Translate, join: number | null, leave: number | null): string | null {
  if (join !== null && leave !== null) return t("manageMembers.tenureBoth", { join, leave });
  if (join !== null) return t("manageMembers.tenureJoin", { join });
  if (leave !== null) return t("manageMembers.tenureLeave", { leave });
  return null;
}

const dim = { size: "xs", c: "dimmed", style: { overflowWrap: "anywhere" } } as const;

function NameBlock({ member, self }: { member: ManagedMember; self: boolean }) {
  const t = useT();
  const hrName = member.hr.name && member.hr.name !== member.displayName ? member.hr.name : null;
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {member.displayName}
        </Text>
        {self && <Badge color="ai">{t("manageMembers.you")}</Badge>}
      </Group>
      {member.nameReading && <Text {...dim}>{member.nameReading}</Text>}
      <Anchor href={`mailto:${member.email}`} size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
        {member.email}
      </Anchor>
      {hrName && <Text {...dim}>{t("manageMembers.hrName", { name: hrName })}</Text>}
    </Stack>
  );
}

/** Role, supporter (since when), status, and when the member joined or left, with the removal reason. */
function RoleAndStatus({ member }: { member: ManagedMember }) {
  const t = useT();
  const format = useFormat();
  const lines: string[] = [];
  if (member.supporterSince) lines.push(t("manageMembers.supporterSince", { date: format.date(member.supporterSince) }));
  if (member.status === "removed" || member.status === "left") {
    if (member.leftAt)
      lines.push(t(member.status === "removed" ? "manageMembers.removedOn" : "manageMembers.leftOn", { date: format.date(member.leftAt) }));
  } else if (member.joinedAt) {
    lines.push(t("members.joined", { date: format.date(member.joinedAt) }));
  }
  if (member.status === "active") {
    lines.push(
      member.lastActiveAt ? t("manageMembers.lastActive", { date: format.date(member.lastActiveAt) }) : t("manageMembers.neverActive"),
    );
  }
  if (member.removedReason) lines.push(t("manageMembers.removedReason", { reason: member.removedReason }));
  return (
    <Stack gap={2} align="flex-start">
      <Group gap={4}>
        <RoleBadge role={member.role} />
        {member.supporterSince && <SupporterBadge />}
        <MemberStatusBadge status={member.status} />
      </Group>
      {lines.map((line) => (
        <Text key={line} {...dim}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

/** The years as they stand, marked when they come from the HR data; the HR data beside them when the member wrote others. */
function Years({ member }: { member: ManagedMember }) {
  const t = useT();
  const { joinYear, leaveYear } = member.profile;
  const shown = tenureText(t, joinYear?.value ?? null, leaveYear?.value ?? null);
  const fromHr = shown !== null && [joinYear, leaveYear].every((year) => year === null || year.source === "import");
  const hr = tenureText(t, member.hr.joinYear, member.hr.leaveYear);
  return (
    <Stack gap={0}>
      {shown ? (
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {shown}
        </Text>
      ) : (
        <Text {...dim}>{t("manageMembers.none")}</Text>
      )}
      {shown && fromHr && <Text {...dim}>{t("manageMembers.fromHr")}</Text>}
      {hr && !fromHr && hr !== shown && <Text {...dim}>{t("manageMembers.hrValue", { value: hr })}</Text>}
    </Stack>
  );
}

function Departments({ member }: { member: ManagedMember }) {
  const t = useT();
  const { departments } = member.profile;
  const own = departments.some((d) => d.source === "member");
  const hrDept = member.hr.department;
  return (
    <Stack gap={0}>
      {departments.length === 0 && <Text {...dim}>{t("manageMembers.none")}</Text>}
      {departments.map((d, i) => {
        const years = tenureRange(d.fromYear, d.toYear);
        return (
          <Text key={i} size="sm" style={{ overflowWrap: "anywhere" }}>
            {[d.department, d.position].filter(Boolean).join(" ")}
            {years && (
              <Text span {...dim}>
                {" "}
                {years}
              </Text>
            )}
          </Text>
        );
      })}
      {departments.length > 0 && !own && <Text {...dim}>{t("manageMembers.fromHr")}</Text>}
      {own && hrDept && !departments.some((d) => d.department === hrDept) && (
        <Text {...dim}>{t("manageMembers.hrValue", { value: hrDept })}</Text>
      )}
    </Stack>
  );
}

const tenureRange = (from: number | null, to: number | null) => (from === null && to === null ? "" : `${from ?? ""}〜${to ?? ""}`);

function Work({ member }: { member: ManagedMember }) {
  const t = useT();
  const { locale } = useLocale();
  const p = member.profile;
  const industry = p.industry && p.industry in industries ? industries[p.industry as keyof typeof industries][locale] : p.industry;
  const employment =
    p.employmentType && p.employmentType in employmentTypes
      ? employmentTypes[p.employmentType as keyof typeof employmentTypes][locale]
      : p.employmentType;
  if (!p.company && !p.position && !industry && !employment) return <Text {...dim}>{t("manageMembers.none")}</Text>;
  return (
    <Stack gap={0}>
      {(p.company || p.position) && (
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {[p.company, p.position].filter(Boolean).join(" / ")}
        </Text>
      )}
      {industry && <Text {...dim}>{industry}</Text>}
      {employment && <Text {...dim}>{t("manageMembers.employmentAt", { type: employment })}</Text>}
    </Stack>
  );
}

function OpenTo({ member }: { member: ManagedMember }) {
  const t = useT();
  const { locale } = useLocale();
  if (member.profile.openTo.length === 0) return <Text {...dim}>{t("manageMembers.none")}</Text>;
  return (
    <Group gap={4}>
      {member.profile.openTo.map((flag) => (
        <Badge key={flag} variant="light" color="teal" size="sm" style={{ textTransform: "none" }}>
          {flag in openToFlags ? openToFlags[flag as keyof typeof openToFlags][locale] : flag}
        </Badge>
      ))}
    </Group>
  );
}

function Location({ member }: { member: ManagedMember }) {
  const t = useT();
  const { locale } = useLocale();
  return member.profile.location ? (
    <Text size="sm">{locationLabel(member.profile.location, locale)}</Text>
  ) : (
    <Text {...dim}>{t("manageMembers.none")}</Text>
  );
}

function SelectBox({ member, selected, onSelect }: { member: ManagedMember } & Pick<MemberListProps, "selected" | "onSelect">) {
  const t = useT();
  return (
    <Checkbox
      aria-label={t("manageMembers.selectMember", { name: member.displayName })}
      checked={selected.has(member.id)}
      onChange={(event) => onSelect([member.id], event.currentTarget.checked)}
    />
  );
}

/** The facts after name, role and status: a column each in the table, a short heading each on a card. */
const facts: { label: MessageKey; Fact: (props: { member: ManagedMember }) => ReactNode; width: { miw: number; maw?: number } }[] = [
  { label: "manageMembers.colYears", Fact: Years, width: { miw: 170, maw: 220 } },
  { label: "manageMembers.colDepartments", Fact: Departments, width: { miw: 180, maw: 240 } },
  { label: "manageMembers.colWork", Fact: Work, width: { miw: 200, maw: 260 } },
  { label: "manageMembers.colLocation", Fact: Location, width: { miw: 90 } },
  { label: "manageMembers.colOpenTo", Fact: OpenTo, width: { miw: 160, maw: 240 } },
];

/** Ticks every member shown, or none; half ticked when some are. The cards show its label, the table's header only names it. */
function SelectAllBox({
  items,
  selected,
  onSelect,
  showLabel,
}: Pick<MemberListProps, "items" | "selected" | "onSelect"> & { showLabel: boolean }) {
  const t = useT();
  const chosen = items.filter((m) => selected.has(m.id)).length;
  const label = t("manageMembers.selectAllShown");
  return (
    <Checkbox
      {...(showLabel ? { label } : { "aria-label": label })}
      checked={items.length > 0 && chosen === items.length}
      indeterminate={chosen > 0 && chosen < items.length}
      onChange={(event) =>
        onSelect(
          items.map((m) => m.id),
          event.currentTarget.checked,
        )
      }
    />
  );
}

export function MembersTable({ items, isSelf, onAction, selected, onSelect }: MemberListProps) {
  const t = useT();
  const format = useFormat();
  const headings = [t("manageMembers.colMember"), t("manageMembers.colRoleStatus"), ...facts.map((fact) => t(fact.label))];
  const caption = t("manageMembers.caption", { count: format.number(items.length) });
  return (
    <ScrollTable minWidth={1500} label={caption} visibleFrom="sm">
      <Table withTableBorder verticalSpacing="sm" highlightOnHover bg="white" style={{ borderRadius: "var(--mantine-radius-lg)" }}>
        <Table.Caption className="tsunagu-visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={44}>
              <SelectAllBox items={items} selected={selected} onSelect={onSelect} showLabel={false} />
            </Table.Th>
            {headings.map((heading) => (
              <Table.Th key={heading} scope="col">
                {heading}
              </Table.Th>
            ))}
            <Table.Th scope="col">
              <span className="tsunagu-visually-hidden">{t("manageMembers.colActions")}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((member) => (
            <Table.Tr key={member.id} bg={selected.has(member.id) ? "var(--mantine-color-ai-0)" : undefined}>
              <Table.Td>
                <SelectBox member={member} selected={selected} onSelect={onSelect} />
              </Table.Td>
              <Table.Td miw={220} maw={280}>
                <NameBlock member={member} self={isSelf(member)} />
              </Table.Td>
              <Table.Td miw={180} maw={220}>
                <RoleAndStatus member={member} />
              </Table.Td>
              {facts.map(({ label, Fact, width }) => (
                <Table.Td key={label} {...width}>
                  <Fact member={member} />
                </Table.Td>
              ))}
              <Table.Td ta="end" w={56}>
                <MemberMenu member={member} isSelf={isSelf(member)} onAction={onAction(member)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Phones: one card per member, with the same facts under short headings. */
export function MemberCards({ items, isSelf, onAction, selected, onSelect }: MemberListProps) {
  const t = useT();
  return (
    <Stack gap="sm" hiddenFrom="sm">
      <SelectAllBox items={items} selected={selected} onSelect={onSelect} showLabel />
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((member) => (
          <Paper component="li" key={member.id} withBorder p="md" bg={selected.has(member.id) ? "var(--mantine-color-ai-0)" : undefined}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Group align="flex-start" wrap="nowrap" gap="sm" style={{ minWidth: 0 }}>
                <SelectBox member={member} selected={selected} onSelect={onSelect} />
                <NameBlock member={member} self={isSelf(member)} />
              </Group>
              <MemberMenu member={member} isSelf={isSelf(member)} onAction={onAction(member)} />
            </Group>
            <Stack gap="xs" mt="xs">
              <RoleAndStatus member={member} />
              {facts.map(({ label, Fact }) => (
                <CardFact key={label} label={t(label)}>
                  <Fact member={member} />
                </CardFact>
              ))}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function CardFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}
