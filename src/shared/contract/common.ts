import { z } from "zod";
import { limits, locales, memberRoles, memberStatuses, networkKinds, slugPattern } from "../limits.ts";

export const id = z.uuid();
export const email = z.string().trim().toLowerCase().max(limits.emailMax).pipe(z.email());
export const password = z.string().min(limits.passwordMin).max(limits.passwordMax);
export const displayName = z.string().trim().min(1).max(limits.displayNameMax);
export const locale = z.enum(locales);
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => isTimeZone(tz), { params: { key: "unknown_time_zone" } });
export const token = z.string().min(20).max(200);
export const isoDateTime = z.iso.datetime({ offset: true });
export const networkKind = z.enum(networkKinds);
export const memberRole = z.enum(memberRoles);
export const memberStatus = z.enum(memberStatuses);
export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(limits.slugMin)
  .max(limits.slugMax)
  .refine((s) => slugPattern.test(s), { params: { key: "slug_format" } });
export const networkText = z.string().max(limits.networkTextMax);

export const ok = z.object({ status: z.literal("ok") });

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Cursor pages: opaque cursor in, `nextCursor` out (null on the last page). Never OFFSET. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
