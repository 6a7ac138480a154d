// loadConfig: one bad variable is named in the error; everything has a sensible default.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/server/platform/config/config.ts";

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("rejects a DATABASE_URL that is not PostgreSQL, naming the variable", () => {
    const error = configError({ DATABASE_URL: "mysql://x" });
    expect(error.variable).toBe("DATABASE_URL");
    expect(error.message).toMatch(/^DATABASE_URL: /);
  });

  it("rejects a PORT that is not a number, naming the variable", () => {
    const error = configError({ PORT: "abc" });
    expect(error.variable).toBe("PORT");
    expect(error.message).toMatch(/^PORT: /);
  });

  it.each([
    ["PORT", "70000"],
    ["SMTP_URL", "http://mail.example"],
    ["PUBLIC_URL", "ftp://tsunagu.example"],
    ["LOG_LEVEL", "loud"],
    ["TRUST_PROXY", "yes"],
    ["DATABASE_POOL_SIZE", "0"],
  ])("rejects %s=%s, naming the variable", (variable, value) => {
    expect(configError({ [variable]: value }).variable).toBe(variable);
  });

  it("defaults: PORT 3000, DATA_DIR ./data, PGlite, secure cookies off, links to localhost", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve("./data"));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.secureCookies).toBe(false);
    expect(config.logLevel).toBe("info");
    expect(config.trustProxy).toBe(false);
  });

  it("empty values count as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it("an https PUBLIC_URL turns on secure cookies and loses its trailing slash", () => {
    const config = loadConfig({ PUBLIC_URL: "https://tsunagu.example/", DATABASE_URL: "postgresql://u@db/tsunagu", PORT: "8080" });
    expect(config).toMatchObject({
      publicUrl: "https://tsunagu.example",
      secureCookies: true,
      databaseUrl: "postgresql://u@db/tsunagu",
      port: 8080,
    });
  });
});
