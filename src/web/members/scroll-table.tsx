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
      // Holds what is positioned inside (the visually hidden caption) within the scrolling box, so
      // a table wider than the screen never widens the page.
      style={{ position: "relative" }}
      {...(visibleFrom ? { visibleFrom } : {})}
    >
      {children}
    </Table.ScrollContainer>
  );
}

/** A column heading; `hidden` headings are read by screen readers only (an actions column). */
export interface Column {
  label: string;
  hidden?: boolean;
  width?: number;
}

/**
 * The lists of member management as a table: scrolls sideways when narrow, its caption names it for
 * screen readers, and the body rows come as children. `visibleFrom` hides it on phones where the
 * page shows cards instead.
 */
export function DataTable({
  caption,
  columns,
  minWidth,
  visibleFrom,
  compact = false,
  children,
}: {
  caption: string;
  columns: Column[];
  minWidth: number;
  visibleFrom?: "xs" | "sm" | "md";
  compact?: boolean;
  children: ReactNode;
}) {
  return (
    <ScrollTable minWidth={minWidth} label={caption} {...(visibleFrom ? { visibleFrom } : {})}>
      <Table
        withTableBorder
        verticalSpacing={compact ? "xs" : "sm"}
        {...(compact ? { fz: "sm" } : { highlightOnHover: true })}
        bg="white"
        style={{ borderRadius: "var(--mantine-radius-lg)" }}
      >
        <Table.Caption className="tsunagu-visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index} scope="col" {...(column.width ? { w: column.width } : {})}>
                {column.hidden ? <span className="tsunagu-visually-hidden">{column.label}</span> : column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
