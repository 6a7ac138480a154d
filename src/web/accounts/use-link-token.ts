// The secret of a mailed link. Links carry it in the fragment (#token=…), which browsers never
// send to a server, so it stays out of access logs; ?token=… still works for older links.
import { useLocation } from "react-router";

export function useLinkToken(): string {
  const { hash, search } = useLocation();
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? new URLSearchParams(search).get("token") ?? "";
}
