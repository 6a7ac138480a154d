// Resolve the :slug in a URL to one of the signed-in member's networks (undefined if not theirs).
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useMe } from "../platform/hooks/use-me.ts";

export function useMyNetwork(slug: string | undefined): MyNetwork | undefined {
  const { networks } = useMe();
  return slug === undefined ? undefined : networks.find((network) => network.slug === slug);
}
