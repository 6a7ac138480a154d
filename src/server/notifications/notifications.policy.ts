// Who gets what: pure functions of a member's settings and ages. Tested through the HTTP suite.
import type { DigestFrequency, NotificationKind, UnsubscribeKind } from "../../shared/contract/notifications.ts";

export interface SettingsFacts {
  email_dm: boolean;
  email_mention: boolean;
  digest: DigestFrequency;
  muted_kinds: string[];
}

export const defaultSettings: SettingsFacts = { email_dm: true, email_mention: true, digest: "auto", muted_kinds: [] };

/** `auto` digests are daily while the member or the network is younger than this. */
export const newcomerDays = 28;

/** Kinds that may also arrive by mail (batched) when the member does not read them in time. */
export const mailedKinds: readonly NotificationKind[] = ["dm", "mention"];

export const wantsInApp = (s: SettingsFacts, kind: NotificationKind) => !s.muted_kinds.includes(kind);

export function wantsMail(s: SettingsFacts, kind: NotificationKind): boolean {
  if (!wantsInApp(s, kind)) return false;
  if (kind === "dm") return s.email_dm;
  if (kind === "mention") return s.email_mention;
  return false;
}

/** The digest period for a member now, or null when they get none. */
export function digestPeriod(
  s: Pick<SettingsFacts, "digest">,
  memberSince: Date,
  networkSince: Date,
  now: Date,
): "daily" | "weekly" | null {
  if (s.digest === "off") return null;
  if (s.digest !== "auto") return s.digest;
  const young = (since: Date) => now.getTime() - since.getTime() < newcomerDays * 86_400_000;
  return young(memberSince) || young(networkSince) ? "daily" : "weekly";
}

/** The settings an unsubscribe link turns off. */
export function unsubscribeChanges(kind: UnsubscribeKind): Partial<Pick<SettingsFacts, "email_dm" | "email_mention" | "digest">> {
  switch (kind) {
    case "digest":
      return { digest: "off" };
    case "dm_mail":
      return { email_dm: false };
    case "mention_mail":
      return { email_mention: false };
    case "notification_mail":
      return { email_dm: false, email_mention: false };
  }
}

/** Whether the mails a link names are still on. */
export function unsubscribeActive(s: SettingsFacts, kind: UnsubscribeKind): boolean {
  switch (kind) {
    case "digest":
      return s.digest !== "off";
    case "dm_mail":
      return s.email_dm;
    case "mention_mail":
      return s.email_mention;
    case "notification_mail":
      return s.email_dm || s.email_mention;
  }
}
