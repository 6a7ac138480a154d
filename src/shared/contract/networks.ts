import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { email, id, isoDateTime, memberRole, memberStatus, networkKind, networkText, page, pageQuery, slug } from "./common.ts";
import { limits } from "../limits.ts";

const name = z.string().trim().min(1).max(limits.networkNameMax);

export const networkSchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  kind: networkKind,
  logoUrl: z.string().nullable(),
  purpose: z.string(),
  eligibility: z.string(),
  codeOfConduct: z.string(),
  /** Goes up when purpose, eligibility or code of conduct change; members accept a version. */
  termsVersion: z.number().int(),
  joinRequestsOpen: z.boolean(),
  memberCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Network = z.infer<typeof networkSchema>;

/** What the signed-in member sees of a network, with what they may do there. */
export const networkHomeSchema = z.object({
  network: networkSchema,
  myRole: memberRole,
  allowed: z.object({ editSettings: z.boolean(), manageMembers: z.boolean() }),
  /** The first-steps checklist on the network's home. */
  firstSteps: z.array(z.object({ key: z.enum(["accept_terms", "verify_email", "invite_members"]), done: z.boolean() })),
});
export type NetworkHome = z.infer<typeof networkHomeSchema>;

export const memberSchema = z.object({
  id,
  accountId: id,
  displayName: z.string(),
  /** Shown in member pickers: the avatar (null: initials) and the supporter frame. */
  avatarUrl: z.string().nullable(),
  supporter: z.boolean(),
  role: memberRole,
  status: memberStatus,
  joinedAt: isoDateTime.nullable(),
});
export type Member = z.infer<typeof memberSchema>;

const networkSettings = z.object({
  name: name.optional(),
  purpose: networkText.optional(),
  eligibility: networkText.optional(),
  codeOfConduct: networkText.optional(),
  joinRequestsOpen: z.boolean().optional(),
});

const networkParams = z.object({ networkId: id });

// --- inside a network (members) ---

export const getNetworkHome = endpoint({
  id: "getNetworkHome",
  method: "GET",
  path: "/api/networks/:networkId",
  summary: "A network as its member sees it",
  tag: "networks",
  access: "member",
  params: networkParams,
  response: networkHomeSchema,
});

export const updateNetworkSettings = endpoint({
  id: "updateNetworkSettings",
  method: "PATCH",
  path: "/api/networks/:networkId",
  summary: "Network admins edit name, purpose, eligibility and code of conduct",
  tag: "networks",
  access: "network_admin",
  params: networkParams,
  body: networkSettings,
  response: networkHomeSchema,
});

export const uploadNetworkLogo = endpoint({
  id: "uploadNetworkLogo",
  method: "POST",
  path: "/api/networks/:networkId/logo",
  summary: "Network admins upload a logo (PNG, JPEG, WebP, GIF; resized, metadata removed)",
  tag: "networks",
  access: "network_admin",
  params: networkParams,
  multipart: true,
  response: networkHomeSchema,
});

export const listMembers = endpoint({
  id: "listMembers",
  method: "GET",
  path: "/api/networks/:networkId/members",
  summary: "Members of a network",
  tag: "networks",
  access: "member",
  params: networkParams,
  query: pageQuery,
  response: page(memberSchema),
});

export const changeMemberRole = endpoint({
  id: "changeMemberRole",
  method: "PATCH",
  path: "/api/networks/:networkId/members/:memberId",
  summary: "Network admins change a member's role",
  tag: "networks",
  access: "network_admin",
  params: z.object({ networkId: id, memberId: id }),
  body: z.object({ role: memberRole }),
  response: memberSchema,
});

// --- operator ---

export const listAllNetworks = endpoint({
  id: "listAllNetworks",
  method: "GET",
  path: "/api/operator/networks",
  summary: "Every network on this deployment with its member count",
  tag: "operator",
  access: "operator",
  query: pageQuery.extend({ q: z.string().trim().max(100).optional() }),
  response: page(networkSchema),
});

export const createNetwork = endpoint({
  id: "createNetwork",
  method: "POST",
  path: "/api/operator/networks",
  summary: "Create a network; an optional first admin gets a mail to set their password",
  tag: "operator",
  access: "operator",
  status: 201,
  body: z.object({
    name,
    slug,
    kind: networkKind,
    purpose: networkText.default(""),
    eligibility: networkText.default(""),
    codeOfConduct: networkText.default(""),
    adminEmail: email.optional(),
  }),
  response: networkSchema,
});

export const getNetworkAsOperator = endpoint({
  id: "getNetworkAsOperator",
  method: "GET",
  path: "/api/operator/networks/:networkId",
  summary: "One network, for the operator",
  tag: "operator",
  access: "operator",
  params: networkParams,
  response: networkSchema,
});

export const updateNetworkAsOperator = endpoint({
  id: "updateNetworkAsOperator",
  method: "PATCH",
  path: "/api/operator/networks/:networkId",
  summary: "The operator edits a network",
  tag: "operator",
  access: "operator",
  params: networkParams,
  body: networkSettings.extend({ slug: slug.optional(), kind: networkKind.optional() }),
  response: networkSchema,
});

export const uploadNetworkLogoAsOperator = endpoint({
  id: "uploadNetworkLogoAsOperator",
  method: "POST",
  path: "/api/operator/networks/:networkId/logo",
  summary: "The operator uploads a network's logo",
  tag: "operator",
  access: "operator",
  params: networkParams,
  multipart: true,
  response: networkSchema,
});

export { memberStatus };
