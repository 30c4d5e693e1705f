import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_EMBEDDING_MODEL } from "@/lib/ai/embedding-model";
import {
  DEFAULT_TRANSCRIPTION_MAX_SECONDS,
  DEFAULT_TRANSCRIPTION_MODEL,
} from "@/lib/ai/transcription-model";
import { DEFAULT_INPUT_CHARS } from "@/lib/bot/text";
import { NO_PROXY, parseTrustProxy } from "./auth/trust-proxy";

// The only reader of process.env. Parsed once per process; a bad value stops start-up.

const SANDBOX_APP_ID = "1000000000000001";
const SANDBOX_CONFIG_ID = "2000000000000002";
// Not a secret: the built-in sandbox signs its simulated webhooks with it.
export const SANDBOX_APP_SECRET = "parley-sandbox-app-secret";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const base64Key = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of exactly 32 bytes");

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    error: "must be 1 or 0 (true/false, yes/no, on/off)",
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const aiProvider = z.object({
  name: z.string().min(1),
  baseURL: z.url(),
  apiKey: z.string().min(1),
  model: z.string().min(1),
});

const aiProviders = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON list" });
      return z.NEVER;
    }
  })
  .pipe(z.array(aiProvider));

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const trustProxy = z.string().transform((raw, ctx) => {
  try {
    return parseTrustProxy(raw);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const rawEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATA_DIR: optionalString,
  PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a port number")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 65535, "must be between 1 and 65535")
      .optional(),
  ),
  APP_URL: optionalString.pipe(z.url().optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  ENCRYPTION_KEY: optionalString.pipe(base64Key.optional()),
  ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(base64Key.optional()),
  AUTH_FACEBOOK_ID: optionalString,
  AUTH_FACEBOOK_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  META_APP_ID: optionalString,
  META_APP_SECRET: optionalString,
  META_CONFIG_ID: optionalString,
  META_GRAPH_URL: optionalString.pipe(z.url().optional()),
  META_GRAPH_VERSION: optionalString.pipe(
    z
      .string()
      .regex(/^v\d+\.\d+$/, "must look like v25.0")
      .default("v25.0"),
  ),
  WHATSAPP_VERIFY_TOKEN: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: optionalString,
  OPENAI_EMBEDDING_MODEL: optionalString,
  OPENAI_TRANSCRIPTION_MODEL: optionalString,
  TRANSCRIPTION_MAX_SECONDS: optionalString.pipe(wholeNumber(1, 3600).optional()),
  AI_FALLBACK_PROVIDERS: optionalString.pipe(aiProviders.optional()),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  SMTP_FROM: optionalString,
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  INNGEST_BASE_URL: optionalString.pipe(z.url().optional()),
  INNGEST_DEV: optionalString,
  SANDBOX: optionalString.pipe(booleanFlag.optional()),
  JOB_CONCURRENCY: optionalString.pipe(wholeNumber(1, 1000).optional()),
  REPLY_RECONCILE_SECONDS: optionalString.pipe(wholeNumber(5, 3600).optional()),
  BOT_INPUT_CHARS: optionalString.pipe(wholeNumber(100, 65_536).optional()),
  TRUST_PROXY: optionalString.pipe(trustProxy.optional()),
  WEBHOOK_RETENTION_DAYS: optionalString.pipe(wholeNumber(1, 3650).optional()),
  ALLOW_PRIVATE_NETWORK_FETCH: optionalString.pipe(booleanFlag.optional()),
  MEDIA_MAX_BYTES: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,12}$/, "must be a whole number of bytes")
      .transform(Number)
      .refine((n) => n >= 1024, "must be at least 1024")
      .optional(),
  ),
});

export class EnvError extends Error {
  override name = "EnvError";
}

type GeneratedSecrets = { authSecret: string; encryptionKey: string };

// Embedded mode keeps its generated secrets next to the database, created once and reused.
function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  const fresh: GeneratedSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stored = z
    .object({ authSecret: z.string().min(32), encryptionKey: base64Key })
    .safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!stored.success) {
    throw new EnvError(`${file} is damaged; restore it or delete it to generate new secrets`);
  }
  return stored.data;
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()) {
  const parsed = rawEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === "production" && raw.DATABASE_URL !== undefined;
  const dataDir = path.resolve(cwd, raw.DATA_DIR ?? ".data");

  let authSecret = raw.AUTH_SECRET;
  let encryptionKey = raw.ENCRYPTION_KEY;
  if (production) {
    const missing = [
      authSecret ? null : "AUTH_SECRET",
      encryptionKey ? null : "ENCRYPTION_KEY",
    ].filter((v): v is string => v !== null);
    if (missing.length > 0) {
      throw new EnvError(
        `Invalid environment:\n${missing.map((m) => `  ${m}: required in production (NODE_ENV=production with DATABASE_URL)`).join("\n")}`,
      );
    }
  } else if (!authSecret || !encryptionKey) {
    const generated = loadOrCreateSecrets(dataDir);
    authSecret ??= generated.authSecret;
    encryptionKey ??= generated.encryptionKey;
  }

  const port = raw.PORT ?? 3000;
  const appUrl = (raw.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  // Without the app secret a production server would verify webhooks with the sandbox's public
  // one, so anyone could forge customer messages: only an explicit SANDBOX=1 allows it.
  if (production && raw.META_APP_SECRET === undefined && raw.SANDBOX !== true) {
    throw new EnvError(
      "Invalid environment:\n  META_APP_SECRET: required in production (NODE_ENV=production with DATABASE_URL); without it webhooks would be checked against the sandbox's public secret. Set SANDBOX=1 to run the sandbox on purpose.",
    );
  }
  const sandbox = raw.SANDBOX ?? raw.META_APP_SECRET === undefined;
  // The simulated phone signs webhooks with the app secret: with a real one, anyone could forge
  // customer messages.
  if (production && sandbox && raw.META_APP_SECRET !== undefined) {
    throw new EnvError(
      "Invalid environment:\n  SANDBOX: cannot be on in production with a real META_APP_SECRET (the simulated phone would sign webhooks with it)",
    );
  }
  const inngest =
    raw.INNGEST_EVENT_KEY !== undefined ||
    raw.INNGEST_SIGNING_KEY !== undefined ||
    raw.INNGEST_BASE_URL !== undefined ||
    raw.INNGEST_DEV !== undefined;

  return {
    nodeEnv: raw.NODE_ENV,
    production,
    port,
    appUrl,
    dataDir,
    databaseUrl: raw.DATABASE_URL,
    db: raw.DATABASE_URL ? ("postgres" as const) : ("pglite" as const),
    pgliteDir: path.join(dataDir, "pglite"),
    authSecret: authSecret as string,
    oauth: {
      facebook:
        raw.AUTH_FACEBOOK_ID && raw.AUTH_FACEBOOK_SECRET
          ? { clientId: raw.AUTH_FACEBOOK_ID, clientSecret: raw.AUTH_FACEBOOK_SECRET }
          : null,
      google:
        raw.AUTH_GOOGLE_ID && raw.AUTH_GOOGLE_SECRET
          ? { clientId: raw.AUTH_GOOGLE_ID, clientSecret: raw.AUTH_GOOGLE_SECRET }
          : null,
    },
    encryptionKey: encryptionKey as string,
    encryptionKeyPrevious: raw.ENCRYPTION_KEY_PREVIOUS,
    sandbox,
    meta: {
      appId: raw.META_APP_ID ?? SANDBOX_APP_ID,
      appSecret: raw.META_APP_SECRET ?? SANDBOX_APP_SECRET,
      configId: raw.META_CONFIG_ID ?? SANDBOX_CONFIG_ID,
      graphUrl: (
        raw.META_GRAPH_URL ??
        (raw.META_APP_SECRET === undefined
          ? `${appUrl}/sandbox/graph`
          : "https://graph.facebook.com")
      ).replace(/\/+$/, ""),
      graphVersion: raw.META_GRAPH_VERSION,
      globalVerifyToken: raw.WHATSAPP_VERIFY_TOKEN,
    },
    ai: {
      primary: raw.OPENAI_API_KEY
        ? {
            name: "openai",
            apiKey: raw.OPENAI_API_KEY,
            baseURL: raw.OPENAI_BASE_URL,
            model: raw.OPENAI_MODEL ?? "gpt-4o-mini",
          }
        : undefined,
      fallbacks: raw.AI_FALLBACK_PROVIDERS ?? [],
      // The model FAQ entries and questions are embedded with; "none" turns semantic retrieval off.
      embeddingModel:
        raw.OPENAI_EMBEDDING_MODEL === "none"
          ? null
          : (raw.OPENAI_EMBEDDING_MODEL ?? DEFAULT_EMBEDDING_MODEL),
      // The model voice notes are transcribed with; "none" turns transcription off.
      transcriptionModel:
        raw.OPENAI_TRANSCRIPTION_MODEL === "none"
          ? null
          : (raw.OPENAI_TRANSCRIPTION_MODEL ?? DEFAULT_TRANSCRIPTION_MODEL),
      // Longer voice notes and audio are not transcribed: a person listens to them.
      transcriptionMaxSeconds: raw.TRANSCRIPTION_MAX_SECONDS ?? DEFAULT_TRANSCRIPTION_MAX_SECONDS,
      // A workspace's own AI address must be public https unless private networks are allowed
      // (by default outside production only).
      publicEndpointsOnly: !(raw.ALLOW_PRIVATE_NETWORK_FETCH ?? raw.NODE_ENV !== "production"),
    },
    smtp: raw.SMTP_URL
      ? { url: raw.SMTP_URL, from: raw.SMTP_FROM ?? "Parley <parley@localhost>" }
      : null,
    jobs: inngest ? ("inngest" as const) : ("inline" as const),
    // In-process jobs running at once (embedded mode and the inline driver).
    jobConcurrency: raw.JOB_CONCURRENCY ?? 16,
    // WhatsApp takes customer files of up to 100 MB (larger ones never arrive: error 131052).
    mediaMaxBytes: raw.MEDIA_MAX_BYTES ?? 100 * 1024 * 1024,
    // How long a send cut off mid-call waits for WhatsApp's status before it is sent again.
    reconcileMs: (raw.REPLY_RECONCILE_SECONDS ?? 60) * 1000,
    // What the FAQ matcher and the AI read of a customer's message; the inbox keeps all of it.
    botInputChars: raw.BOT_INPUT_CHARS ?? DEFAULT_INPUT_CHARS,
    // Unset: X-Forwarded-For is ignored and the socket address is the client.
    trustProxy: raw.TRUST_PROXY ?? NO_PROXY,
    // Raw webhook deliveries (diagnosis only) are deleted in the background after this many days.
    webhookRetentionDays: raw.WEBHOOK_RETENTION_DAYS ?? 7,
    inngest: {
      eventKey: raw.INNGEST_EVENT_KEY,
      signingKey: raw.INNGEST_SIGNING_KEY,
      baseUrl: raw.INNGEST_BASE_URL,
      dev: raw.INNGEST_DEV,
    },
  };
}

export type Env = ReturnType<typeof parseEnv>;

const cache = globalThis as unknown as { __parleyEnv?: Env };

export function getEnv(): Env {
  cache.__parleyEnv ??= parseEnv(process.env);
  return cache.__parleyEnv;
}
