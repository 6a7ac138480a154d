// A member's avatar wherever one appears (posts, comments, DMs, pickers, directory cards, the
// profile page): the uploaded image or the initials, and for アルムナイサポーター a ring in the
// supporter colour with a small heart badge. The ring alone says nothing to a screen reader or to
// someone who cannot tell the colour, so the badge carries an accessible label (サポーター).
import { Avatar, Box } from "@mantine/core";
import { IconHeartHandshake } from "@tabler/icons-react";
import { useT } from "../platform/i18n/i18n.context.tsx";

/** The supporter colour: the same pink as the supporter badge of member management. */
const ringColor = "var(--mantine-color-pink-6)";
const badgeColor = "var(--mantine-color-pink-8)";

export interface MemberAvatarProps {
  name: string;
  avatarUrl: string | null;
  supporter?: boolean;
  /** Pixels. */
  size?: number;
  /**
   * Decorative (the default): the name is written beside the avatar, so the image itself is
   * hidden from screen readers; the supporter badge is still announced. Set false where the
   * avatar stands alone (the profile page's header), so it is named after the person.
   */
  decorative?: boolean;
}

export function MemberAvatar({ name, avatarUrl, supporter = false, size = 40, decorative = true }: MemberAvatarProps) {
  const t = useT();
  // A gap of white between the image and the ring keeps the ring visible on dark photos.
  const ring = Math.max(2, Math.round(size / 20));
  const badge = Math.max(14, Math.round(size * 0.38));
  return (
    <Box
      component="span"
      pos="relative"
      display="inline-block"
      style={{ flexShrink: 0, lineHeight: 0, width: size, height: size }}
      data-supporter={supporter || undefined}
    >
      <Avatar
        src={avatarUrl}
        alt={decorative ? "" : name}
        aria-hidden={decorative ? "true" : undefined}
        name={name}
        color="ai"
        variant="light"
        radius={size}
        size={size}
        style={supporter ? { boxShadow: `0 0 0 ${ring}px var(--mantine-color-body), 0 0 0 ${ring * 2}px ${ringColor}` } : undefined}
      />
      {supporter && (
        <Box
          component="span"
          role="img"
          aria-label={t("people.supporter")}
          title={t("people.supporter")}
          pos="absolute"
          display="flex"
          style={{
            right: -ring * 2,
            bottom: -ring * 2,
            width: badge,
            height: badge,
            borderRadius: "50%",
            alignItems: "center",
            justifyContent: "center",
            background: badgeColor,
            color: "var(--mantine-color-white)",
            boxShadow: "0 0 0 2px var(--mantine-color-body)",
          }}
        >
          <IconHeartHandshake size={Math.round(badge * 0.7)} stroke={2} aria-hidden />
        </Box>
      )}
    </Box>
  );
}
