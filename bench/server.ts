import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type DatabaseHandle, type DatabaseKind, openDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { signPayload } from "@/lib/whatsapp/signature";
import { BENCH_WABA_ID } from "./meta-payloads";

// What the benchmarks that run `next start` share: the build, the server, a throwaway database
// and Meta-shaped customer messages.

export const BENCH_APP_SECRET = "bench-app-secret";
export const BENCH_KEY = Buffer.alloc(32, 3).toString("base64");

// Always measures the current code: a build left over from older sources would mislead.
// `BENCH_BUILT=1` reuses the build in `.next` when only the benchmark changed.
export function build() {
  if (process.env.BENCH_BUILT === "1") return;
  const built = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("next build failed");
}

/** `next start` in a process group of its own (so `stop` ends its child too), once healthy. */
export async function startServer(
  port: number,
  env: Record<string, string>,
): Promise<ChildProcess> {
  // Another server on the port would answer the health check and take the benchmark's load.
  const taken = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use; set E2E_PORT_OFFSET to move the benchmark`);
  // `BENCH_CPU_PROF=<dir>`: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF;
  const [command, args] = profile
    ? [
        process.execPath,
        ["--cpu-prof", `--cpu-prof-dir=${profile}`, "node_modules/next/dist/bin/next"],
      ]
    : ["npx", ["next"]];
  const child = spawn(command, [...args, "start", "-p", String(port)], {
    env: {
      ...process.env,
      META_APP_SECRET: BENCH_APP_SECRET,
      ENCRYPTION_KEY: BENCH_KEY,
      AUTH_SECRET: "b".repeat(40),
      ...env,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop(child);
  throw new Error("server did not start");
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  });
}

/** A fresh PostgreSQL database next to the one `adminUrl` names, dropped by `drop`. */
export async function createBenchDatabase(adminUrl: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/**
 * A throwaway database of `kind` for a benchmark that runs `next start`: how the benchmark opens
 * it, the environment that points the server at it, and `cleanup` to drop it afterwards.
 */
export async function serverDatabase(kind: DatabaseKind): Promise<{
  open: () => DatabaseHandle;
  serverEnv: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "parley-bench-"));
    return {
      open: () => openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") }),
      serverEnv: { DATA_DIR: dataDir, DATABASE_URL: "" },
      cleanup: async () => {},
    };
  }
  const database = await createBenchDatabase(getEnv().databaseUrl ?? "");
  return {
    open: () => openDatabase({ kind: "postgres", url: database.url, max: 2 }),
    serverEnv: { DATABASE_URL: database.url },
    cleanup: database.drop,
  };
}

/** One customer's text message as Meta delivers it, signed with `secret`. */
export function customerMessage(m: {
  phoneNumberId: string;
  customer: string;
  text: string;
  secret?: string;
}) {
  const msg = inbound({ phone: m.customer }, "text", { text: { body: m.text } });
  const body = JSON.stringify(
    envelope({
      wabaId: BENCH_WABA_ID,
      changes: [
        messagesChange(m.phoneNumberId, {
          contacts: [contact({ phone: m.customer, name: `Customer ${m.customer.slice(-4)}` })],
          messages: [msg],
        }),
      ],
    }),
  );
  return {
    wamid: msg.id,
    path: "/api/webhooks/whatsapp",
    body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signPayload(body, m.secret ?? BENCH_APP_SECRET),
    },
  };
}
