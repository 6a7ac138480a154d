// One-click unsubscribe links (配信停止): "{membership id}.{kind}.{HMAC-SHA256}" signed with the
// membership's own random key (notification_settings.unsubscribe_key). The configuration has no
// server secret; a per-membership key also means a link can be revoked by changing one row.
// Changing any part of a link (another member, another kind) breaks the signature.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { UnsubscribeKind } from "../../shared/contract/notifications.ts";

export const signUnsubscribe = (key: string, memberId: string, kind: UnsubscribeKind) =>
  `${memberId}.${kind}.${mac(key, memberId, kind).toString("base64url")}`;

export interface UnsubscribeClaim {
  memberId: string;
  kind: UnsubscribeKind;
  signature: Buffer;
}

/** The parts of a token already checked by the contract's pattern. */
export function readUnsubscribe(token: string): UnsubscribeClaim {
  const [memberId = "", kind = "", signature = ""] = token.split(".");
  return { memberId, kind: kind as UnsubscribeKind, signature: Buffer.from(signature, "base64url") };
}

export function verifyUnsubscribe(key: string, claim: UnsubscribeClaim): boolean {
  const expected = mac(key, claim.memberId, claim.kind);
  return claim.signature.length === expected.length && timingSafeEqual(claim.signature, expected);
}

const mac = (key: string, memberId: string, kind: string) => createHmac("sha256", key).update(`${memberId}.${kind}`).digest();
