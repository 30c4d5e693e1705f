import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const tmp = () => mkdtempSync(path.join(tmpdir(), "parley-env-"));
const key = randomBytes(32).toString("base64");

describe("parseEnv", () => {
  it("defaults to embedded mode, generating secrets once with mode 0600", () => {
    const cwd = tmp();
    const first = parseEnv({}, cwd);
    expect(first.db).toBe("pglite");
    expect(first.jobs).toBe("inline");
    expect(first.sandbox).toBe(true);
    expect(first.appUrl).toBe("http://localhost:3000");
    expect(first.meta.graphUrl).toBe("http://localhost:3000/sandbox/graph");
    expect(first.meta.graphVersion).toBe("v25.0");
    expect(first.pgliteDir).toBe(path.join(cwd, ".data", "pglite"));
    const file = path.join(cwd, ".data", "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.encryptionKey, "base64")).toHaveLength(32);
    const second = parseEnv({}, cwd);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKey).toBe(first.encryptionKey);
    expect(readFileSync(file, "utf8")).toContain(first.authSecret);
  });

  it("transcribes voice notes with gpt-4o-mini-transcribe unless told another model or none", () => {
    const cwd = tmp();
    const on = parseEnv({ OPENAI_API_KEY: "sk-x" }, cwd);
    expect(on.ai.transcriptionModel).toBe("gpt-4o-mini-transcribe");
    expect(on.ai.transcriptionMaxSeconds).toBe(300);
    const env = { OPENAI_TRANSCRIPTION_MODEL: "whisper-1", TRANSCRIPTION_MAX_SECONDS: "60" };
    const other = parseEnv(env, cwd);
    expect(other.ai.transcriptionModel).toBe("whisper-1");
    expect(other.ai.transcriptionMaxSeconds).toBe(60);
    expect(parseEnv({ OPENAI_TRANSCRIPTION_MODEL: "none" }, cwd).ai.transcriptionModel).toBeNull();
    for (const bad of ["0", "ten", "99999"]) {
      expect(() => parseEnv({ TRANSCRIPTION_MAX_SECONDS: bad }, cwd)).toThrow(
        /TRANSCRIPTION_MAX_SECONDS/,
      );
    }
  });

  it("keeps webhook deliveries 7 days unless WEBHOOK_RETENTION_DAYS says otherwise", () => {
    const cwd = tmp();
    expect(parseEnv({}, cwd).webhookRetentionDays).toBe(7);
    expect(parseEnv({ WEBHOOK_RETENTION_DAYS: "30" }, cwd).webhookRetentionDays).toBe(30);
    for (const bad of ["0", "-1", "seven", "1.5", "99999"]) {
      expect(() => parseEnv({ WEBHOOK_RETENTION_DAYS: bad }, cwd)).toThrow(
        /WEBHOOK_RETENTION_DAYS/,
      );
    }
  });

  it("lets a workspace's AI address be private outside production unless ALLOW_PRIVATE_NETWORK_FETCH says otherwise", () => {
    const cwd = tmp();
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://localhost/x",
      AUTH_SECRET: "x".repeat(40),
      ENCRYPTION_KEY: key,
      META_APP_SECRET: "s".repeat(32),
    };
    expect(parseEnv({}, cwd).ai.publicEndpointsOnly).toBe(false);
    expect(parseEnv({ ALLOW_PRIVATE_NETWORK_FETCH: "0" }, cwd).ai.publicEndpointsOnly).toBe(true);
    expect(parseEnv(production, cwd).ai.publicEndpointsOnly).toBe(true);
    expect(
      parseEnv({ ...production, ALLOW_PRIVATE_NETWORK_FETCH: "1" }, cwd).ai.publicEndpointsOnly,
    ).toBe(false);
    expect(() => parseEnv({ ALLOW_PRIVATE_NETWORK_FETCH: "sometimes" }, cwd)).toThrow(
      /ALLOW_PRIVATE_NETWORK_FETCH/,
    );
  });

  it("requires AUTH_SECRET and ENCRYPTION_KEY in production, naming both", () => {
    const run = () =>
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://localhost/x" }, tmp());
    expect(run).toThrow(EnvError);
    expect(run).toThrow(/AUTH_SECRET: required in production/);
    expect(run).toThrow(/ENCRYPTION_KEY: required in production/);
  });

  it("refuses a production server without META_APP_SECRET unless the sandbox is asked for", () => {
    const base = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://db/parley",
      AUTH_SECRET: "x".repeat(40),
      ENCRYPTION_KEY: key,
    };
    const run = () => parseEnv(base, tmp());
    expect(run).toThrow(EnvError);
    expect(run).toThrow(/META_APP_SECRET: required in production.*Set SANDBOX=1/s);
    expect(parseEnv({ ...base, SANDBOX: "1" }, tmp()).sandbox).toBe(true);
    // Embedded mode (no DATABASE_URL) stays a sandbox without asking.
    expect(parseEnv({ ...base, DATABASE_URL: "" }, tmp()).sandbox).toBe(true);
  });

  it("accepts a complete production environment", () => {
    const env = parseEnv(
      {
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://db/parley",
        AUTH_SECRET: "x".repeat(40),
        ENCRYPTION_KEY: key,
        META_APP_SECRET: "real-secret",
        APP_URL: "https://parley.example.com/",
        INNGEST_EVENT_KEY: "evt",
      },
      tmp(),
    );
    expect(env.db).toBe("postgres");
    expect(env.production).toBe(true);
    expect(env.sandbox).toBe(false);
    expect(env.jobs).toBe("inngest");
    expect(env.appUrl).toBe("https://parley.example.com");
    expect(env.meta.graphUrl).toBe("https://graph.facebook.com");
  });

  it.each([
    ["ENCRYPTION_KEY", "c2hvcnQ="],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["PORT", "http"],
    ["PORT", "70000"],
    ["APP_URL", "not a url"],
    ["META_GRAPH_VERSION", "25"],
    ["SANDBOX", "maybe"],
    ["AI_FALLBACK_PROVIDERS", '[{"name":"x"}]'],
    ["AI_FALLBACK_PROVIDERS", "not json"],
  ])("stops on a bad %s and names it", (name, value) => {
    expect(() => parseEnv({ [name]: value }, tmp())).toThrow(
      new RegExp(`^Invalid environment:[\\s\\S]*${name}`),
    );
  });

  it("refuses the sandbox in production next to a real Meta app secret", () => {
    const run = () =>
      parseEnv(
        {
          NODE_ENV: "production",
          DATABASE_URL: "postgres://db/x",
          AUTH_SECRET: "x".repeat(40),
          ENCRYPTION_KEY: key,
          META_APP_SECRET: "real",
          SANDBOX: "1",
        },
        tmp(),
      );
    expect(run).toThrow(/SANDBOX: cannot be on in production/);
  });

  it("lets SANDBOX force the sandbox on or off", () => {
    expect(parseEnv({ SANDBOX: "0" }, tmp()).sandbox).toBe(false);
    expect(parseEnv({ SANDBOX: "1", META_APP_SECRET: "s" }, tmp()).sandbox).toBe(true);
  });

  it("caps what the bot reads of a message at BOT_INPUT_CHARS, 2000 by default", () => {
    expect(parseEnv({}, tmp()).botInputChars).toBe(2000);
    expect(parseEnv({ BOT_INPUT_CHARS: "500" }, tmp()).botInputChars).toBe(500);
    for (const bad of ["0", "99", "65537", "2k", "-5"]) {
      expect(() => parseEnv({ BOT_INPUT_CHARS: bad }, tmp())).toThrow(/BOT_INPUT_CHARS: must be/);
    }
  });
});
