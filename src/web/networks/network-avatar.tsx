// A network's logo, or its initials on a tinted circle when it has none. Decorative: the name is
// always written next to it.
import { Avatar } from "@mantine/core";
import type { MantineSize } from "@mantine/core";

export function NetworkAvatar({ name, logoUrl, size = "md" }: { name: string; logoUrl: string | null; size?: MantineSize | number }) {
  return (
    <Avatar
      src={logoUrl}
      alt=""
      aria-hidden="true"
      size={size}
      radius="md"
      color="ai"
      variant="light"
      name={name}
      style={{ flexShrink: 0 }}
    />
  );
}
