// Limits shared by the server schemas and the web forms, so both reject the same input.
export const limits = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  displayNameMax: 80,
  networkNameMax: 120,
  slugMin: 3,
  slugMax: 40,
  networkTextMax: 20_000,
  logoBytesMax: 5 * 1024 * 1024,
  invitationNoteMax: 1000,
  joinRequestMessageMax: 2000,
  removalReasonMax: 500,
  invitationDays: 30,
} as const;

export const locales = ["ja", "en"] as const;
export type Locale = (typeof locales)[number];

export const networkKinds = ["company", "volunteer"] as const;
export type NetworkKind = (typeof networkKinds)[number];

export const memberRoles = ["admin", "employee", "alumni"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const memberStatuses = ["invited", "active", "left", "removed"] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const slugPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
