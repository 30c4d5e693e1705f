import { sql } from "drizzle-orm";
import type { DatabaseHandle, DatabaseKind } from "@/db";
import { createApiKey } from "@/db/queries/api-keys";
import { generateApiKey } from "@/lib/crypto/api-keys";
import { createKeyring } from "@/lib/crypto/keyring";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { seedConversations } from "./api.bench";
import { type LoadResult, load, refusals } from "./load";
import { startMetaStub } from "./meta-stub-client";
import { BENCH_APP_SECRET, BENCH_KEY, serverDatabase, startServer, stop } from "./server";
import { ms, percentile, type Row } from "./stats";

// Every v1 endpoint through `next start`, as integrators call it: 50 clients at once, each
// waiting for its answer before the next request, over keep-alive connections. Messages the API
// sends go to Meta played by bench/meta-stub.ts in a process of its own, which also posts the
// status webhooks back.

// API_HTTP_SCALE (default 1) scales every count down for a quick check that each row answers 2xx.
const SCALE = Math.min(1, Math.max(0.01, Number(process.env.API_HTTP_SCALE ?? 1)));
const CLIENTS = 50;
const REQUESTS = Math.ceil(1_000 * SCALE);
const KNOWLEDGE_REQUESTS = Math.ceil(200 * SCALE);
const CONVERSATIONS = Math.ceil(5_000 * SCALE);
const MESSAGES = Math.ceil(500 * SCALE);
const BROADCASTS = Math.ceil(100 * SCALE);
const PHONE = "190000000000077";
const WABA = "190000000000078";
const TEMPLATE = { name: "bench_order_ready", language: "en_US" };
// The template as Meta lists it for the WABA; the app reads it from the stub like from Meta.
const META_TEMPLATES = [
  {
    id: "190000000000079",
    ...TEMPLATE,
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Hello {{1}}, your order is ready to collect.",
        example: { body_text: [["Amina"]] },
      },
    ],
  },
];
// Each endpoint row gets a key of its own: a key may make 6,000 calls a minute, and the rows
// together make more than that.
const KEYS = 24;

type Call = { method: string; path: string; body?: unknown };

async function seed(handle: DatabaseHandle) {
  await handle.migrate();
  const file = validateTenantImport({
    workspaces: [
      {
        name: "API bench",
        whatsapp: {
          phoneNumberId: PHONE,
          wabaId: WABA,
          accessToken: "EAAG-bench-token-0123456789",
        },
      },
    ],
  });
  if (!file.ok) throw new Error("bench tenant invalid");
  const [ws] = await importTenants(handle.db, file.data, {
    keyring: createKeyring(BENCH_KEY),
  });
  if (!ws?.apiKey) throw new Error("bench workspace got no API key");
  const channel = await handle.db.query.channels.findFirst({
    where: (c, { eq }) => eq(c.phoneNumberId, PHONE),
  });
  if (!channel) throw new Error("bench channel missing");
  await seedConversations(handle, ws.id, channel.id, CONVERSATIONS);
  // Every seeded customer wrote today, so a text may answer them.
  await handle.db.execute(
    sql`update conversations set last_inbound_at = now() where workspace_id = ${ws.id}`,
  );
  const apiKeys: string[] = [];
  for (let i = 0; i < KEYS; i++) {
    const { key, prefix, hash } = generateApiKey();
    await createApiKey(handle.db, {
      workspaceId: ws.id,
      name: `Bench ${i}`,
      prefix,
      keyHash: hash,
      scopes: ["read", "write"],
    });
    apiKeys.push(key);
  }
  return { apiKey: ws.apiKey, apiKeys };
}

/** Runs `count` calls with CLIENTS in flight; returns the timings and each answer's `id`. */
async function measure(port: number, apiKey: string, count: number, call: (i: number) => Call) {
  const ids: string[] = [];
  const result = await load(
    port,
    count,
    CLIENTS,
    (i) => {
      const c = call(i);
      return {
        method: c.method,
        path: `/api/v1${c.path}`,
        body: c.body === undefined ? "" : JSON.stringify(c.body),
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(c.body !== undefined && { "content-type": "application/json" }),
        },
      };
    },
    (i, status, text) => {
      if (status < 200 || status >= 300 || !text) return;
      const parsed = JSON.parse(text) as { id?: string; data?: { id?: string } };
      const id = parsed.id ?? parsed.data?.id;
      if (id) ids[i] = id;
    },
  );
  return { result, ids };
}

function row(kind: DatabaseKind, name: string, r: LoadResult): Row {
  const refused = refusals(r);
  return {
    benchmark: `API ${name}, ${CLIENTS} clients`,
    engine: kind,
    n: r.sent,
    throughput: `${(r.ok / r.seconds).toFixed(0)} req/s`,
    p50: ms(percentile(r.latencies, 50)),
    p95: ms(percentile(r.latencies, 95)),
    p99: ms(percentile(r.latencies, 99)),
    extra: refused ? `not 2xx: ${refused}` : "all 2xx",
  };
}

export async function apiHttpBench(kind: DatabaseKind, port: number): Promise<Row[]> {
  const { open, serverEnv, cleanup } = await serverDatabase(kind);
  const rows: Row[] = [];
  try {
    const seeding = open();
    const { apiKey, apiKeys } = await seed(seeding);
    await seeding.close();
    const meta = await startMetaStub({
      port: port + 10,
      appSecret: BENCH_APP_SECRET,
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/whatsapp`,
      modelDelayMs: 0,
      templates: META_TEMPLATES,
    });
    const server = await startServer(port, {
      ...serverEnv,
      META_GRAPH_URL: meta.url,
      SANDBOX: "0",
      OPENAI_API_KEY: "",
    }).catch(async (error) => {
      await meta.stop();
      throw error;
    });
    try {
      const run = async (name: string, count: number, call: (i: number) => Call) => {
        const key = apiKeys.shift();
        if (!key) throw new Error("the benchmark ran out of API keys");
        const { result, ids } = await measure(port, key, count, call);
        rows.push(row(kind, name, result));
        return ids;
      };
      // Warm the route bundles and the connection pool before anything is timed.
      await measure(port, apiKey, 200, () => ({ method: "GET", path: "/conversations" }));

      await run("GET /conversations", REQUESTS, () => ({
        method: "GET",
        path: "/conversations?limit=50",
      }));
      const firstPage = await fetch(`http://127.0.0.1:${port}/api/v1/conversations?limit=50`, {
        headers: { authorization: `Bearer ${apiKey}` },
      }).then((r) => r.json() as Promise<{ data: { id: string }[] }>);
      const conversationIds = firstPage.data.map((c) => c.id);
      await run("GET /conversations/{id}/messages", REQUESTS, (i) => ({
        method: "GET",
        path: `/conversations/${conversationIds[i % conversationIds.length]}/messages`,
      }));

      const contacts = await run("POST /contacts", REQUESTS, (i) => ({
        method: "POST",
        path: "/contacts",
        body: {
          phone: `+2547${String(10_000_000 + i)}`,
          name: `Bench contact ${i}`,
          tags: ["bench", `group-${i % BROADCASTS}`],
          attributes: { city: "Nairobi" },
          optIn: { status: "opted_in", source: "bench" },
        },
      }));
      await run("GET /contacts", REQUESTS, () => ({ method: "GET", path: "/contacts?tag=bench" }));
      await run("PATCH /contacts/{id}", REQUESTS, (i) => ({
        method: "PATCH",
        path: `/contacts/${contacts[i]}`,
        // Tags are replaced: keep the group the broadcasts below address.
        body: { tags: ["bench", `group-${i % BROADCASTS}`, "vip"] },
      }));

      const waIds = await fetch(`http://127.0.0.1:${port}/api/v1/conversations?limit=100`, {
        headers: { authorization: `Bearer ${apiKey}` },
      })
        .then((r) => r.json() as Promise<{ data: { contact: { waId: string } }[] }>)
        .then((page) => page.data.map((c) => c.contact.waId));
      await run("POST /messages (text)", MESSAGES, (i) => ({
        method: "POST",
        path: "/messages",
        body: { to: `+${waIds[i % waIds.length]}`, text: `Your order ${i} is ready.` },
      }));
      await run("POST /messages (template)", MESSAGES, (i) => ({
        method: "POST",
        path: "/messages",
        body: {
          contactId: contacts[i],
          template: { ...TEMPLATE, parameters: [`Customer ${i}`] },
        },
      }));
      const broadcasts = await run("POST /broadcasts", BROADCASTS, (i) => ({
        method: "POST",
        path: "/broadcasts",
        body: {
          name: `Bench broadcast ${i}`,
          template: TEMPLATE,
          parameters: { "body.1": { kind: "field", field: "name", fallback: "there" } },
          audience: { tags: [`group-${i}`] },
        },
      }));
      await run("GET /broadcasts/{id}", REQUESTS, (i) => ({
        method: "GET",
        path: `/broadcasts/${broadcasts[i % broadcasts.length]}`,
      }));

      const faqs = await run("POST /faqs", REQUESTS, (i) => ({
        method: "POST",
        path: "/faqs",
        body: {
          question: `Do you deliver to area ${i}?`,
          answer: `Yes, we deliver to area ${i} within two days.`,
        },
      }));
      await run("GET /faqs", REQUESTS, () => ({ method: "GET", path: "/faqs" }));
      await run("PATCH /faqs/{id}", REQUESTS, (i) => ({
        method: "PATCH",
        path: `/faqs/${faqs[i]}`,
        body: { answer: `Yes, delivery to area ${i} takes one day.` },
      }));

      await run("POST /products", REQUESTS, (i) => ({
        method: "POST",
        path: "/products",
        body: [
          {
            retailerId: `SKU-${i}`,
            name: `Bench product ${i}`,
            price: "12.50",
            currency: "USD",
            availability: "in_stock",
          },
        ],
      }));
      await run("GET /products", REQUESTS, () => ({ method: "GET", path: "/products" }));

      const sources = await run("POST /knowledge (text)", KNOWLEDGE_REQUESTS, (i) => ({
        method: "POST",
        path: "/knowledge",
        body: {
          title: `Policy ${i}`,
          text: `Returns are accepted within ${i % 30} days with the receipt. Refunds go back to the card used.`,
        },
      }));
      await run("GET /knowledge", REQUESTS, () => ({ method: "GET", path: "/knowledge" }));
      await run("GET /openapi.json", REQUESTS, () => ({ method: "GET", path: "/openapi.json" }));

      await run("DELETE /knowledge/{id}", KNOWLEDGE_REQUESTS, (i) => ({
        method: "DELETE",
        path: `/knowledge/${sources[i]}`,
      }));
      await run("DELETE /faqs/{id}", REQUESTS, (i) => ({
        method: "DELETE",
        path: `/faqs/${faqs[i]}`,
      }));
      await run("DELETE /contacts/{id}", REQUESTS, (i) => ({
        method: "DELETE",
        path: `/contacts/${contacts[i]}`,
      }));
    } finally {
      await stop(server);
      await meta.stop();
    }
  } finally {
    await cleanup();
  }
  return rows;
}
