// A form field holding several members of the network (an event's invitees, its organisers): the
// chosen ones as removable chips, and a dialog with the messages' member picker to add more.
import { ActionIcon, Button, Group, Input, Modal, Paper, Stack, Text } from "@mantine/core";
import { IconUserPlus, IconX } from "@tabler/icons-react";
import { useId, useState } from "react";
import type { ReactNode } from "react";
import type { Member } from "../../shared/contract/networks.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { MemberPicker } from "../messages/member-picker.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

export interface KnownPerson {
  displayName: string;
  avatarUrl: string | null;
}

export function MemberPickField({
  networkId,
  label,
  description,
  pickTitle,
  value,
  onChange,
  people,
  onMet,
  error,
  empty,
  fixed,
}: {
  networkId: string;
  label: string;
  description?: string;
  pickTitle: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** Names and avatars of members met so far (the event's, and those picked in the dialog). */
  people: ReadonlyMap<string, KnownPerson>;
  onMet: (member: Member) => void;
  error?: ReactNode;
  /** Shown when nobody is chosen. */
  empty?: string;
  /** A chip that cannot be removed, before the others (「あなた（作成者）」). */
  fixed?: string;
}) {
  const t = useT();
  const labelId = useId();
  const [open, setOpen] = useState(false);
  const selected = new Set(value);

  const toggle = (member: Member) => {
    onMet(member);
    onChange(selected.has(member.id) ? value.filter((id) => id !== member.id) : [...value, member.id]);
  };

  return (
    <Input.Wrapper label={label} description={description} error={error} labelElement="div" id={labelId}>
      <Stack gap="xs" mt={6} role="group" aria-labelledby={`${labelId}-label`}>
        {value.length === 0 && !fixed && empty && (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        )}
        {(value.length > 0 || fixed) && (
          <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {fixed && (
              <Paper component="li" withBorder radius="xl" px="sm" py={4}>
                <Text size="sm">{fixed}</Text>
              </Paper>
            )}
            {value.map((id) => {
              const person = people.get(id);
              const name = person?.displayName ?? id.slice(0, 8);
              return (
                <Paper component="li" key={id} withBorder radius="xl" pl={4} pr={4} py={2}>
                  <Group gap={6} wrap="nowrap">
                    <MemberAvatar name={name} avatarUrl={person?.avatarUrl ?? null} size={24} />
                    <Text size="sm">{name}</Text>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      radius="xl"
                      aria-label={t("events.form.removeMember", { name })}
                      onClick={() => onChange(value.filter((other) => other !== id))}
                    >
                      <IconX size={14} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Paper>
              );
            })}
          </Group>
        )}
        <Button
          variant="default"
          size="sm"
          style={{ alignSelf: "flex-start" }}
          leftSection={<IconUserPlus size={16} aria-hidden />}
          onClick={() => setOpen(true)}
        >
          {pickTitle}
        </Button>
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={pickTitle} closeButtonProps={{ "aria-label": t("common.close") }}>
        <Stack gap="md">
          <MemberPicker networkId={networkId} selected={selected} onPick={toggle} multiple />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t("events.form.selectedCount", { count: value.length })}
            </Text>
            <Button onClick={() => setOpen(false)}>{t("events.form.pickDone")}</Button>
          </Group>
        </Stack>
      </Modal>
    </Input.Wrapper>
  );
}
