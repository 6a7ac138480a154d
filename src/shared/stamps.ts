// The stamps (スタンプ) members put on posts and comments: a fixed set of common emoji, named by
// shortcode. The order here is the order the UI shows them and the API lists counts in.
// Adding one is a change here only (the database stores the shortcode); removing one leaves
// its stored stamps unlisted.
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
