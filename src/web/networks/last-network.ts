// The network a member last opened in this browser, so "/" takes them back there.
const storageKey = "tsunagu.lastNetwork";

export function lastNetworkSlug(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function rememberNetwork(slug: string): void {
  try {
    localStorage.setItem(storageKey, slug);
  } catch {
    // Storage disabled: "/" falls back to the first network.
  }
}
