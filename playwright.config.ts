import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2ePort } from "./e2e/ports";

// End-to-end tests drive the production build (`npm run build` first; `npm test` does it) in a
// real Chromium: Debian's /usr/bin/chromium when present, else Playwright's own download.
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const e2eDatabaseUrl = process.env.E2E_DATABASE_URL;
const secrets = {
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

const AI_STUB_PORT = e2ePort(3199);

export type ServerEnv = Record<string, string>;

const servers = [
  // Blank, not absent: Playwright merges the caller's environment, which may name a PostgreSQL.
  // The PGlite server has an AI provider (a local OpenAI-compatible stub); the PostgreSQL one has
  // none, so unmatched questions get the fallback message there.
  {
    name: "pglite",
    port: e2ePort(3100),
    env: {
      DATA_DIR: ".test-data/e2e-pglite",
      DATABASE_URL: "",
      OPENAI_API_KEY: "sk-e2e-stub",
      OPENAI_BASE_URL: `http://127.0.0.1:${AI_STUB_PORT}/v1`,
    },
  },
  ...(e2eDatabaseUrl
    ? [
        {
          name: "postgres",
          port: e2ePort(3101),
          // A production server with the sandbox asked for on purpose (it has no real Meta app).
          env: { DATABASE_URL: e2eDatabaseUrl, NODE_ENV: "production", SANDBOX: "1", ...secrets },
        },
      ]
    : []),
].map((s) => ({
  ...s,
  env: {
    ...s.env,
    PORT: String(s.port),
    APP_URL: `http://localhost:${s.port}`,
    // The browser stands in for clients behind a proxy on this machine: each test names its own
    // address in X-Forwarded-For (e2e/session.ts), so sign-up limits are per test, not per run.
    TRUST_PROXY: "loopback",
    // Test endpoints (owners' webhooks, knowledge websites) listen on this machine.
    ALLOW_PRIVATE_NETWORK_FETCH: "1",
  } as ServerEnv,
}));

export default defineConfig({
  testDir: "e2e",
  outputDir: ".test-data/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: servers.map((s) => ({
    name: s.name,
    use: { baseURL: `http://localhost:${s.port}`, serverEnv: s.env, dbKind: s.name },
  })),
  webServer: [
    {
      command: "npx tsx e2e/openai-stub-server.ts",
      url: `http://127.0.0.1:${AI_STUB_PORT}/health`,
      env: { PORT: String(AI_STUB_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...servers.map((s) => ({
      command: `npx next start -p ${s.port}`,
      url: `http://localhost:${s.port}/api/health`,
      env: s.env,
      reuseExistingServer: false,
      timeout: 60_000,
      // The server's JSON log lines would bury the test results; errors still reach stderr.
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    })),
  ],
});
