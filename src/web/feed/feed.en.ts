// English UI strings of the network home's feed, newcomers, young-network prompts and search.
import type { feedJa } from "./feed.ja.ts";

export const feedEn = {
  "feed.title": "Latest posts",
  "feed.pinned": "Pinned",
  "feed.inRoom": "in {room}",
  "feed.emptyTitle": "No posts yet",
  "feed.emptyBody": "Be the first to post in a talk room. New conversations will show up here.",
  "feed.error": "Could not load the posts",
  "feed.newPosts": "{count} new posts",

  "young.title": "Help this network come alive",
  "young.body": "This network has just started. A short, casual post is what makes others feel free to write too.",
  "young.introduce": "Introduce yourself",
  "young.introduceHint": "What you do now, the team you were in back then",
  "young.casual": "Say hello in casual chat",
  "young.casualHint": "What you're up to, a book you liked — casual is fine",
  "young.invite": "Invite members",
  "young.inviteHint": "Import leavers from a CSV or invite people one by one",
  "young.introducePrompt": "You haven't introduced yourself yet. Everyone wants to know who's here.",

  "newcomers.title": "New members",
  "newcomers.welcomerHint": "Welcome them with a stamp or a comment on their introduction.",
  "newcomers.joined": "Joined {date}",
  "newcomers.welcome": "Welcome",
  "newcomers.welcomeLabel": "Welcome {name} with a 👏 stamp on their introduction",
  "newcomers.welcomed": "Welcomed",
  "newcomers.welcomeDone": "You welcomed {name}",
  "newcomers.readIntro": "Read their introduction",
  "newcomers.noIntro": "No introduction yet",

  "search.placeholder": "Search posts and comments",
  "search.label": "Search",
  "search.title": "Search",
  "search.resultsFor": "Results for “{q}”",
  "search.emptyTitle": "Nothing found",
  "search.emptyBody": "Try other words, or fewer. Results contain every word you type.",
  "search.startTitle": "Type what you are looking for",
  "search.startBody":
    "Searches the posts and comments of the talk rooms you can see. Katakana and hiragana, full- and half-width are the same.",
  "search.kind.post": "Post",
  "search.kind.comment": "Comment",
  "search.error": "Search failed",
} as const satisfies Record<keyof typeof feedJa, string>;
