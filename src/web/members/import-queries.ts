// The cached queries of one CSV import, shared by the wizard's steps so that each step's result
// (upload, preview, start) lands where the others read it.
import { queryOptions } from "@tanstack/react-query";
import { membership } from "../../shared/contract/index.ts";
import type { MemberImport } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { invalidate, queryClient, queryKeyOf } from "../platform/query.ts";

/** One import; polled while its invitations go out, so the progress bar moves by itself. */
export function memberImportQuery(networkId: string, importId: string) {
  const params = { networkId, importId };
  return queryOptions({
    queryKey: queryKeyOf(membership.getMemberImport, { params }),
    queryFn: ({ signal }) => callApi(membership.getMemberImport, { params, signal }),
    refetchInterval: (query) => (query.state.data?.status === "importing" ? 1500 : false),
  });
}

/** After an upload, preview or start: show the new state at once and refresh the lists around it. */
export async function storeImport(networkId: string, imp: MemberImport): Promise<void> {
  queryClient.setQueryData(memberImportQuery(networkId, imp.id).queryKey, imp);
  await Promise.all([
    invalidate(membership.listMemberImports),
    invalidate(membership.listMemberImportRows),
    invalidate(membership.getRegistrationStats),
    invalidate(membership.listAuditLog),
  ]);
}
