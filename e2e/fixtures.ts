import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base } from "@playwright/test";

type CliResult = { status: number | null; stdout: string; stderr: string };

type Fixtures = {
  serverEnv: Record<string, string>;
  dbKind: string;
  /** Runs `npm run tenants -- …` against the same database as the server under test. */
  tenants: (args: string[]) => CliResult;
  /** Runs `npm run meta-rates -- …` against the same database as the server under test. */
  metaRates: (args: string[]) => CliResult;
  /** Writes JSON (or raw text) to a temporary file and returns its path. */
  tempFile: (content: unknown) => string;
};

function runCli(command: string, args: string[], serverEnv: Record<string, string>): CliResult {
  const run = spawnSync("npx", ["tsx", `lib/cli/${command}.ts`, ...args], {
    env: { ...process.env, ...serverEnv },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export const test = base.extend<Fixtures>({
  serverEnv: [{}, { option: true }],
  dbKind: ["pglite", { option: true }],
  tenants: async ({ serverEnv }, use) => {
    await use((args) => runCli("tenants", args, serverEnv));
  },
  metaRates: async ({ serverEnv }, use) => {
    await use((args) => runCli("meta-rates", args, serverEnv));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  tempFile: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), "parley-e2e-"));
    let n = 0;
    await use((content) => {
      const file = path.join(dir, `file-${++n}.json`);
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
      return file;
    });
  },
});

export { expect } from "@playwright/test";

let sequence = 0;
/** A phone number id no other test run has used. */
export function freshPhoneNumberId(): string {
  sequence += 1;
  return `9${Date.now()}${String(sequence).padStart(3, "0")}`;
}
