import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { type DatabaseHandle, type DatabaseKind, openDatabase } from "@/db";
import { messages } from "@/db/schema";
import { createKeyring } from "@/lib/crypto/keyring";
import { getEnv } from "@/lib/env";
import { importTenants } from "@/lib/tenants/import-tenants";
import { envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { signPayload } from "@/lib/whatsapp/signature";
import { load } from "./load";
import { ms, percentile, type Row } from "./stats";

const SECRET = "bench-app-secret";
const PHONE = "190000000000001";
const DELIVERIES = 5_000;
const WARMUP = 300;
const CONCURRENCY = 16;
export const BENCH_KEY = Buffer.alloc(32, 3).toString("base64");
const key = BENCH_KEY;

// Always measures the current code: a build left over from older sources would mislead.
export function build() {
  const built = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("next build failed");
}

async function seed(handle: DatabaseHandle) {
  await handle.migrate();
  const file = validateTenantImport({
    workspaces: [
      {
        name: "Bench",
        whatsapp: { phoneNumberId: PHONE, accessToken: "EAAG-bench-token-0123456789" },
      },
    ],
  });
  if (!file.ok) throw new Error("bench tenant invalid");
  await importTenants(handle.db, file.data, { keyring: createKeyring(key) });
}

export async function startServer(
  port: number,
  env: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      META_APP_SECRET: SECRET,
      ENCRYPTION_KEY: key,
      AUTH_SECRET: "b".repeat(40),
      ...env,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  });
}

function delivery() {
  const who = { phone: `2547${String(Math.floor(Math.random() * 1000)).padStart(8, "0")}` };
  const body = JSON.stringify(
    envelope({
      wabaId: "1",
      changes: [
        messagesChange(PHONE, {
          messages: [
            inbound(who, "text", { text: { body: `Hi ${randomBytes(4).toString("hex")} 👋` } }),
          ],
        }),
      ],
    }),
  );
  return {
    path: "/api/webhooks/whatsapp",
    body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signPayload(body, SECRET),
    },
  };
}

const ping = () => ({
  path: "/api/ping",
  body: "{}",
  headers: { "content-type": "application/json" },
});

async function countStored(open: () => DatabaseHandle) {
  const handle = open();
  try {
    return await handle.db.$count(messages, eq(messages.direction, "inbound"));
  } finally {
    await handle.close();
  }
}

export async function webhookBench(kind: DatabaseKind, port: number): Promise<Row[]> {
  let open: () => DatabaseHandle;
  let serverEnv: Record<string, string>;
  let cleanup = async () => {};
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "parley-bench-"));
    open = () => openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    serverEnv = { DATA_DIR: dataDir, DATABASE_URL: "" };
  } else {
    const admin = postgres(getEnv().databaseUrl ?? "", { max: 1, onnotice: () => {} });
    const name = `parley_bench_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(getEnv().databaseUrl ?? "");
    url.pathname = `/${name}`;
    open = () => openDatabase({ kind: "postgres", url: url.toString(), max: 2 });
    serverEnv = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  }
  try {
    const seeding = open();
    await seed(seeding);
    await seeding.close();
    const server = await startServer(port, serverEnv);
    let floor: Awaited<ReturnType<typeof load>>;
    let hooks: Awaited<ReturnType<typeof load>>;
    try {
      await load(port, WARMUP, CONCURRENCY, ping);
      await load(port, WARMUP, CONCURRENCY, delivery);
      floor = await load(port, DELIVERIES, CONCURRENCY, ping);
      hooks = await load(port, DELIVERIES, CONCURRENCY, delivery);
      // Let in-process reply jobs finish before stopping.
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      await stop(server);
    }
    const stored = await countStored(open);
    const expected = DELIVERIES + WARMUP;
    const row = (benchmark: string, r: typeof hooks, extra: string): Row => ({
      benchmark,
      engine: kind,
      n: r.sent,
      p50: ms(percentile(r.latencies, 50)),
      p95: ms(percentile(r.latencies, 95)),
      p99: ms(percentile(r.latencies, 99)),
      throughput: `${Math.round(r.ok / r.seconds)}/s`,
      extra,
    });
    return [
      row("POST /api/ping (framework floor)", floor, `${floor.failed} failed`),
      row(
        "POST /api/webhooks/whatsapp",
        hooks,
        `${hooks.failed} failed; ${stored}/${expected} stored, ${expected - stored} lost`,
      ),
    ];
  } finally {
    await cleanup();
  }
}
