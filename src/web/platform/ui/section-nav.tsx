// The links between the sections of an area (member management, the ways to find people): links,
// not tabs, since each section is its own page with its own URL. They wrap on phones, so all show.
import { Button, Group } from "@mantine/core";
import type { TablerIcon } from "@tabler/icons-react";
import { Link } from "react-router";

export interface SectionLink<K extends string> {
  key: K;
  to: string;
  label: string;
  icon: TablerIcon;
}

export function SectionNav<K extends string>({ label, links, current }: { label: string; links: SectionLink<K>[]; current: K }) {
  return (
    <nav aria-label={label}>
      <Group gap={4} wrap="wrap">
        {links.map(({ key, to, label: text, icon: SectionIcon }) => {
          const active = key === current;
          return (
            <Button
              key={key}
              component={Link}
              to={to}
              size="sm"
              variant={active ? "light" : "subtle"}
              color={active ? undefined : "dark"}
              aria-current={active ? "page" : undefined}
              leftSection={<SectionIcon size={16} aria-hidden />}
              px="sm"
            >
              {text}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}
