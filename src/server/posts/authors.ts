// The member shown beside words — posts, comments, messages, search hits, blocks: name, avatar and
// whether to draw the supporter frame. Every list reads these in the statement that reads the
// words (the author's membership and account are joined already), never in a query of its own.
import type { Author } from "../../shared/contract/posts.ts";

/** An avatar's address, served like the other stored files (see networks' logoUrl). */
export const avatarUrl = (key: string | null) => (key ? `/files/${key}` : null);

export const presentAuthor = (memberId: string, displayName: string, avatarKey: string | null, supporter: boolean): Author => ({
  memberId,
  displayName,
  avatarUrl: avatarUrl(avatarKey),
  supporter,
});
