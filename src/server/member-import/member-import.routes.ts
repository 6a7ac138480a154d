// The CSV import of leavers, and the job that sends its invitations.
import * as c from "../../shared/contract/membership.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as imports from "./import.service.ts";

const oneHour = 3600;

export function memberImportRoutes(deps: Deps): RouteDef[] {
  deps.jobs.register(imports.importJobKind, (payload) => imports.runImport(deps, payload as { networkId: string; importId: string }));
  return [
    route(c.uploadMemberImport, ({ actor, file }) => imports.uploadImport(actor, file), {
      rateLimits: [{ name: "import-upload:account", max: 60, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.listMemberImports, ({ actor, query }) => imports.listImports(actor, query)),
    route(c.getMemberImport, ({ actor, params }) => imports.getImport(actor, params.importId)),
    route(c.previewMemberImport, ({ actor, params, body }) =>
      imports.previewImport(actor, params.importId, body.mapping, body.defaultRole),
    ),
    route(c.listMemberImportRows, ({ actor, params, query }) => imports.listImportRows(actor, params.importId, query)),
    route(c.startMemberImport, ({ actor, params, body }) => imports.startImport(deps, actor, params.importId, body.note)),
    route(c.downloadMemberImportReport, ({ actor, params, request }) => imports.importReport(actor, params.importId, request.locale)),
  ];
}
