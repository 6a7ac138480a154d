// Reads and validates the environment once at start. A bad value ends the process with
// one line naming the variable (see main.ts), never a stack trace.
import { z } from "zod";
import path from "node:path";

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.variable = variable;
  }
}

const urlWithProtocols = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
  );

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"]).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: urlWithProtocols(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: z.string().min(3).default("Tsunagu <no-reply@localhost>"),
  PUBLIC_URL: urlWithProtocols(["http:", "https:"]).optional(),
  NOTIFY_MAIL_DELAY: z.coerce.number().int().min(0).max(86_400).default(600),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  NODE_ENV: z.string().default("production"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where people reach the app; links in mails point here. */
  publicUrl: string;
  /** How long DMs and mentions wait for their recipient before one mail lists them (batched). */
  notificationMailDelaySeconds: number;
  /** Secure cookies when the public URL is https. */
  secureCookies: boolean;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  trustProxy: boolean;
  isDevelopment: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, `invalid value (${issue?.message ?? "invalid"})`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    notificationMailDelaySeconds: e.NOTIFY_MAIL_DELAY,
    secureCookies: publicUrl.startsWith("https:"),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "true",
    isDevelopment: e.NODE_ENV === "development",
  };
}

/** The variables the README documents, kept beside the schema so the two cannot drift apart. */
export const configVariables = Object.keys(envSchema.shape);
