// A row of toggle buttons choosing one filter; unlike a segmented control it wraps on narrow
// screens, so long Japanese labels with counts stay readable on phones.
import { Button, Group } from "@mantine/core";

export function FilterButtons<V extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <Group gap={6} role="group" aria-label={label}>
      {options.map((option) => (
        <Button
          key={option.value}
          size="compact-md"
          variant={option.value === value ? "filled" : "default"}
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </Button>
      ))}
    </Group>
  );
}
