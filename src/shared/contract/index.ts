// Every endpoint of the API, by feature. The server registers exactly these; the
// OpenAPI document and the tenant-isolation suite are generated from this list.
export * as accounts from "./accounts.ts";
export * as networks from "./networks.ts";
export * as membership from "./membership.ts";
export * as rooms from "./rooms.ts";
export * as posts from "./posts.ts";
export * as images from "./images.ts";
export * as stamps from "./stamps.ts";
export * as feed from "./feed.ts";
export * as search from "./search.ts";
export * as people from "./people.ts";
export * as events from "./events.ts";
export * as surveys from "./surveys.ts";
export * as moderation from "./moderation.ts";
export * as mentions from "./mentions.ts";
export * as messages from "./messages.ts";
export * as notifications from "./notifications.ts";
export * as mail from "./mail.ts";
export * as health from "./health.ts";
export type { Endpoint, Access } from "./endpoint.ts";
