// The stamps (スタンプ) members put on posts and comments: a standard set of common emoji, named
// by shortcode, plus each network's custom stamps (カスタムスタンプ: images its admins upload,
// named the same way). The order here is the order the UI shows them and the API lists counts
// in, custom stamps after. Adding one is a change here only (the database stores the name);
// removing one leaves its stored stamps unlisted.
export const stampEmoji = {
  thumbsup: "👍",
  heart: "❤️",
  clap: "👏",
  smile: "😄",
  joy: "😂",
  tada: "🎉",
  pray: "🙏",
  eyes: "👀",
  fire: "🔥",
  sparkles: "✨",
  muscle: "💪",
  ok_hand: "👌",
  raised_hands: "🙌",
  thinking: "🤔",
  cry: "😢",
  astonished: "😲",
  bow: "🙇",
  star: "⭐",
  bulb: "💡",
  white_check_mark: "✅",
  hundred: "💯",
  rocket: "🚀",
  coffee: "☕",
  cherry_blossom: "🌸",
} as const;

export type StampName = keyof typeof stampEmoji;
export const stampNames = Object.keys(stampEmoji) as [StampName, ...StampName[]];

/** The shape of every stamp name, standard or custom (the database checks it too). */
export const stampNamePattern = /^[a-z0-9_]{1,32}$/;

export const isStandardStamp = (name: string): name is StampName => Object.hasOwn(stampEmoji, name);
