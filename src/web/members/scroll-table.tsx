// A table that scrolls sideways when the screen is narrower than it (phones, tablets beside the
// side navigation). The scrolling box is a named, focusable region so keyboard users can scroll it.
import { Table } from "@mantine/core";
import type { ReactNode } from "react";

export function ScrollTable({
  minWidth,
  label,
  visibleFrom,
  children,
}: {
  minWidth: number;
  label: string;
  visibleFrom?: "xs" | "sm" | "md";
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      type="native"
      tabIndex={0}
      role="region"
      aria-label={label}
      {...(visibleFrom ? { visibleFrom } : {})}
    >
      {children}
    </Table.ScrollContainer>
  );
}
