// @mentions in the composer: typing @ and a few letters of a name offers the members who can see
// the room (the server's candidates, kana-insensitive); ↑/↓ and Enter or Tab pick, Esc closes. A
// pick writes `@表示名 ` into the text and remembers the member, so the server can tell which
// 山田 was meant. Nothing is intercepted while an IME is composing (Japanese input).
import { Group, Paper, Text, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import type { KeyboardEvent, RefObject } from "react";
import { mentions as mentionsContract } from "../../shared/contract/index.ts";
import type { MentionCandidate, MentionRef } from "../../shared/contract/mentions.ts";
import { mentionLimits } from "../../shared/contract/mentions.ts";
import { callApi } from "../platform/api.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** The @query being typed just before the caret, if any. */
function typedMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  // As the renderer: an @ right after a Latin letter or digit is part of an address, not a mention.
  const match = /(^|[^A-Za-z0-9._%+-])@([^\s@]{0,30})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  return { start: caret - query.length - 1, query };
}

export function useMentionSuggest({
  networkId,
  roomId,
  value,
  setValue,
  textarea,
  initial = [],
}: {
  networkId: string;
  roomId?: string;
  value: string;
  setValue: (value: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
  initial?: MentionRef[];
}) {
  const listId = useId();
  const [picked, setPicked] = useState<MentionRef[]>(initial);
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(typing?.query ?? ""), 120);
    return () => clearTimeout(timer);
  }, [typing?.query]);
  const params = { networkId };
  const query = { q: debounced, ...(roomId ? { roomId } : {}) };
  const candidates = useQuery({
    queryKey: queryKeyOf(mentionsContract.listMentionCandidates, { params, query }),
    queryFn: ({ signal }) => callApi(mentionsContract.listMentionCandidates, { params, query, signal }),
    enabled: typing !== null,
    staleTime: 30_000,
  });
  const items = typing ? (candidates.data?.items ?? []).slice(0, mentionLimits.candidates) : [];
  const open = typing !== null && items.length > 0;

  /** Call after every change of the text or the caret. */
  const track = () => {
    const el = textarea.current;
    if (!el) return;
    const next = el.selectionStart === el.selectionEnd ? typedMention(el.value, el.selectionStart) : null;
    setTyping(next);
    if (next?.query !== typing?.query) setActive(0);
  };

  const pick = (member: MentionRef) => {
    const el = textarea.current;
    if (!typing || !el) return;
    const insert = `@${member.displayName} `;
    const caret = el.selectionStart;
    const next = value.slice(0, typing.start) + insert + value.slice(caret);
    setValue(next);
    setPicked((list) => (list.some((m) => m.memberId === member.memberId) ? list : [...list, member]));
    setTyping(null);
    requestAnimationFrame(() => {
      el.focus();
      const at = typing.start + insert.length;
      el.setSelectionRange(at, at);
    });
  };

  /** Handles the keys of an open list; true when the key was used. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing || event.keyCode === 229) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (i + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
      return true;
    }
    if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
      const member = items[active];
      if (!member) return false;
      event.preventDefault();
      pick(member);
      return true;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      setTyping(null);
      return true;
    }
    return false;
  };

  /** The members still mentioned by name in the text (what to send). */
  const mentionIds = () => picked.filter((m) => value.includes(`@${m.displayName}`)).map((m) => m.memberId);

  const optionId = (i: number) => `${listId}-${i}`;
  // The box stays a textbox (its accessible role and name do not change while typing); the list is
  // tied to it by aria-controls and the highlighted option by aria-activedescendant.
  const inputProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(active) : undefined,
  };
  const list = open ? (
    <MentionList id={listId} items={items} active={active} optionId={optionId} onPick={pick} onHover={setActive} />
  ) : null;
  return { track, onKeyDown, mentionIds, inputProps, list, reset: () => setPicked([]), close: () => setTyping(null) };
}

function MentionList({
  id,
  items,
  active,
  optionId,
  onPick,
  onHover,
}: {
  id: string;
  items: MentionCandidate[];
  active: number;
  optionId: (i: number) => string;
  onPick: (member: MentionRef) => void;
  onHover: (i: number) => void;
}) {
  const t = useT();
  return (
    <Paper withBorder shadow="md" p={4} role="listbox" id={id} aria-label={t("mention.listLabel")} className="tsunagu-mention-list">
      {items.map((member, i) => (
        <UnstyledButton
          key={member.memberId}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          tabIndex={-1}
          className="tsunagu-mention-option"
          data-active={i === active || undefined}
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => onHover(i)}
          onClick={() => onPick(member)}
        >
          <Group gap="xs" wrap="nowrap">
            <MemberAvatar name={member.displayName} avatarUrl={member.avatarUrl} supporter={member.supporter} size={26} />
            <Text size="sm" truncate>
              {member.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      ))}
    </Paper>
  );
}
