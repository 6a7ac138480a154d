// A text field whose value reaches the URL (and so the search) a moment after typing stops — never
// while a Japanese IME is composing: 「やまだ」 typed as y-a-m-a-d-a passes through 「ｙ」「や」
// 「やま」…, and searching each of those would flash results for words nobody meant. The field
// keeps its own draft; a change of the committed value from outside (the back button, "clear
// filters") replaces the draft, while the echo of our own commit does not (it may lag behind the
// characters typed since).
import { TextInput } from "@mantine/core";
import type { TextInputProps } from "@mantine/core";
import { useEffect, useEffectEvent, useState } from "react";

export const typingDelayMs = 250;

export interface TextFilterProps extends Omit<TextInputProps, "value" | "onChange" | "defaultValue"> {
  /** The value in the URL. */
  value: string;
  /** Called with the trimmed draft once typing pauses (or at once on Enter). */
  onCommit: (value: string) => void;
}

export function TextFilter({ value, onCommit, onKeyDown, ...props }: TextFilterProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  const [composing, setComposing] = useState(false);

  // React's pattern for following a prop: adjust state while rendering, only when it changed.
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setDraft(value);
      setSent(value);
    }
  }

  const commit = (next: string) => {
    const trimmed = next.trim();
    if (trimmed === sent.trim()) return;
    setSent(trimmed);
    onCommit(trimmed);
  };
  const commitLater = useEffectEvent(commit);

  useEffect(() => {
    if (composing) return;
    const timer = setTimeout(() => commitLater(draft), typingDelayMs);
    return () => clearTimeout(timer);
  }, [draft, composing]);

  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onCompositionStart={() => setComposing(true)}
      onCompositionEnd={(event) => {
        setComposing(false);
        // Safari sends the last input after compositionend, Chromium before: take the final text here.
        setDraft(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        // Enter that confirms an IME candidate is not a search (keyCode 229 in older Safari).
        if (event.key === "Enter" && !event.nativeEvent.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          commit(event.currentTarget.value);
        }
        onKeyDown?.(event);
      }}
    />
  );
}
