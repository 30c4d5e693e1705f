import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import postgres from "postgres";

// npm test – the whole suite: unit and database tests (PGlite, plus PostgreSQL when
// DATABASE_URL is set), then the production build driven in a real Chromium.
// A test tool, so it reads and passes on the caller's environment as it is.

const ci = Boolean(process.env.CI);
const databaseUrl = process.env.DATABASE_URL;
const results = { passed: 0, failed: 0, skipped: 0 };

function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): number {
  const child = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return child.status ?? 1;
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const probe = spawnSync(
    "node",
    ["-e", "process.stdout.write(require('playwright-core').chromium.executablePath())"],
    { encoding: "utf8" },
  );
  return probe.status === 0 && existsSync(probe.stdout) ? probe.stdout : null;
}

function unitTests(): void {
  const status = run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=.test-data/vitest.json",
  ]);
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  }>(".test-data/vitest.json");
  results.passed += report?.numPassedTests ?? 0;
  results.failed += report?.numFailedTests ?? 0;
  results.skipped += report?.numPendingTests ?? 0;
  if (status !== 0 && (report?.numFailedTests ?? 0) === 0) results.failed += 1;
}

async function withE2eDatabase(fn: (url: string | undefined) => number): Promise<number> {
  if (!databaseUrl) return fn(undefined);
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const name = `parley_e2e_${randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  try {
    return fn(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

async function browserTests(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    console.error(
      "\nNo Chromium found: end-to-end tests cannot run. Install one with `npx playwright install chromium` (or `apt-get install chromium`).",
    );
    if (ci) results.failed += 1;
    else results.skipped += 1;
    return;
  }
  if (run("npx", ["next", "build"]) !== 0) {
    results.failed += 1;
    return;
  }
  const status = await withE2eDatabase((e2eUrl) =>
    run("npx", ["playwright", "test", "--reporter=list,json"], {
      CHROMIUM_PATH: chromium,
      E2E_DATABASE_URL: e2eUrl,
      PLAYWRIGHT_JSON_OUTPUT_NAME: ".test-data/playwright.json",
    }),
  );
  const report = readJson<{
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  }>(".test-data/playwright.json");
  results.passed += report?.stats.expected ?? 0;
  results.failed += (report?.stats.unexpected ?? 0) + (report?.stats.flaky ?? 0);
  results.skipped += report?.stats.skipped ?? 0;
  if (status !== 0 && (report?.stats.unexpected ?? 0) === 0) results.failed += 1;
}

rmSync(".test-data", { recursive: true, force: true });
unitTests();
await browserTests();
console.log(
  `\nTotal: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`,
);
process.exitCode = results.failed > 0 || results.passed === 0 ? 1 : 0;
