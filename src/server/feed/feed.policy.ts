// Who gets the "welcome them" items for newcomers: the admins (事務局) and the supporters
// (アルムナイサポーター), whose part it is to greet new members.
import type { MemberRole } from "../../shared/limits.ts";

export const isWelcomer = (viewer: { role: MemberRole; supporter: boolean }) => viewer.role === "admin" || viewer.supporter;
