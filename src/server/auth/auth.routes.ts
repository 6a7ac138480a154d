// Sign-in, sign-out, password reset, email verification.
import * as c from "../../shared/contract/accounts.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import { confirmPasswordReset, requestPasswordReset, sendVerification, signIn, signOut, verifyEmail } from "./auth.service.ts";

const fifteenMinutes = 15 * 60;
const oneHour = 3600;

export function authRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.signIn, ({ body, request, cookies }) => signIn(deps, body, request, cookies), {
      rateLimits: [
        // Guessing one account's password, and spraying many accounts from one address.
        { name: "sign-in:account", max: 10, windowSeconds: fifteenMinutes, key: ({ body, request }) => `${request.ip}:${body.email}` },
        { name: "sign-in:ip", max: 100, windowSeconds: fifteenMinutes, key: ({ request }) => request.ip },
      ],
    }),
    route(c.signOut, ({ actor, cookies }) => signOut(deps, actor, cookies)),
    route(
      c.requestPasswordReset,
      async ({ body }) => {
        await requestPasswordReset(deps, body.email);
        return { status: "sent" as const };
      },
      {
        rateLimits: [
          { name: "reset:email", max: 5, windowSeconds: oneHour, key: ({ body }) => body.email },
          { name: "reset:ip", max: 30, windowSeconds: oneHour, key: ({ request }) => request.ip },
        ],
      },
    ),
    route(c.confirmPasswordReset, ({ body }) => confirmPasswordReset(deps, body), {
      rateLimits: [{ name: "reset-confirm:ip", max: 30, windowSeconds: oneHour, key: ({ request }) => request.ip }],
    }),
    route(c.verifyEmail, ({ body }) => verifyEmail(deps, body.token), {
      rateLimits: [{ name: "verify:ip", max: 30, windowSeconds: oneHour, key: ({ request }) => request.ip }],
    }),
    route(
      c.resendVerification,
      async ({ actor }) => {
        await sendVerification(deps, actor.account);
        return { status: "sent" as const };
      },
      { rateLimits: [{ name: "verify-resend:account", max: 5, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }] },
    ),
  ];
}
