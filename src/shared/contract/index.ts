// Every endpoint of the API, by feature. The server registers exactly these; the
// OpenAPI document and the tenant-isolation suite are generated from this list.
export * as accounts from "./accounts.ts";
export * as networks from "./networks.ts";
export * as membership from "./membership.ts";
export * as rooms from "./rooms.ts";
export * as posts from "./posts.ts";
export * as mail from "./mail.ts";
export * as health from "./health.ts";
export type { Endpoint, Access } from "./endpoint.ts";
