// Where to send someone who must sign in, remembering where they were going; and the safe way back.

export function signInPath(intended?: string): string {
  if (!intended || intended === "/" || intended.startsWith("/sign-in")) return "/sign-in";
  return `/sign-in?next=${encodeURIComponent(intended)}`;
}

/** Only same-site paths: `next=//elsewhere` or `next=https:…` would be an open redirect. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
