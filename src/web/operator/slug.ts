// Suggest a URL slug from a network name when the name is plain ASCII ("Acme Alumni" → "acme-alumni").
// Japanese names get no suggestion: a romanisation guess would be worse than asking.
import { limits, slugPattern } from "../../shared/limits.ts";

export function suggestSlug(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed || !/^[\x20-\x7e]+$/.test(trimmed)) return null;
  const slug = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, limits.slugMax)
    .replace(/-+$/g, "");
  return slugPattern.test(slug) && slug.length >= limits.slugMin ? slug : null;
}
