import { eq } from "drizzle-orm";
import type { DatabaseHandle, DatabaseKind } from "@/db";
import { messages } from "@/db/schema";
import { createKeyring } from "@/lib/crypto/keyring";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { load } from "./load";
import { BENCH_KEY, customerMessage, serverDatabase, startServer, stop } from "./server";
import { ms, percentile, type Row } from "./stats";

const PHONE = "190000000000001";
const DELIVERIES = 5_000;
const WARMUP = 300;
const CONCURRENCY = 16;

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
  await importTenants(handle.db, file.data, { keyring: createKeyring(BENCH_KEY) });
}

const delivery = () =>
  customerMessage({
    phoneNumberId: PHONE,
    customer: `2547${String(Math.floor(Math.random() * 1000)).padStart(8, "0")}`,
    text: `Hi ${Math.random().toString(16).slice(2, 10)} 👋`,
  });

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
  const { open, serverEnv, cleanup } = await serverDatabase(kind);
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
