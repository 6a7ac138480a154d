// The secret of an invitation link (/join/<slug>#token=…). The fragment never reaches a server, so
// the token stays out of access logs; this hook takes it out of the address bar as well (no leak
// through history, bookmarks or a screenshot) and keeps it in this tab's sessionStorage, keyed by
// network, so it survives a reload and the round trip through sign-in (`/sign-in?next=/join/<slug>`
// carries no secret).
import { useCallback, useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

const storageKey = (slug: string) => `tsunagu.invitation.${slug}`;

function tokenInFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token");
}

function readStored(slug: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(slug));
  } catch {
    return null;
  }
}

function store(slug: string, token: string): void {
  try {
    sessionStorage.setItem(storageKey(slug), token);
  } catch {
    // Storage disabled: the token lives in memory only, a reload needs the mail's link again.
  }
}

/** Forget the token once it has served (joined), or when the visitor chose another way in. */
export function forgetJoinToken(slug: string): void {
  try {
    sessionStorage.removeItem(storageKey(slug));
  } catch {
    // Nothing stored.
  }
}

export function useJoinToken(slug: string): { token: string | null; forget: () => void } {
  const location = useLocation();
  const navigate = useNavigate();
  const fromLink = tokenInFragment(location.hash);
  const [token, setToken] = useState<string | null>(() => fromLink ?? readStored(slug));
  // Another invitation link opened in this tab: it wins (state adjusted during render).
  if (fromLink !== null && fromLink !== token) setToken(fromLink);

  useEffect(() => {
    if (fromLink === null) return;
    store(slug, fromLink);
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: location.state as unknown });
  }, [fromLink, slug, navigate, location.pathname, location.search, location.state]);

  const forget = useCallback(() => {
    forgetJoinToken(slug);
    setToken(null);
  }, [slug]);
  return { token, forget };
}
