import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "@/db";
import { upsertFaqs } from "@/db/queries/faqs";
import { insertSandboxMessage } from "@/db/queries/sandbox";
import { queryRows } from "@/db/rows";
import { createKeyring } from "@/lib/crypto/keyring";
import { getEnv, SANDBOX_APP_SECRET } from "@/lib/env";
import { importTenants } from "@/lib/tenants/import-tenants";
import { envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { signPayload } from "@/lib/whatsapp/signature";
import { load } from "./load";
import { ms, percentile, type Row } from "./stats";
import { BENCH_KEY, startServer, stop } from "./webhook.bench";

const WORKSPACES = 50;
const MESSAGES = 5_000;
const CUSTOMERS_PER_WORKSPACE = 20;
const CONCURRENCY = 16;
const FAQS = [
  { question: "What are your opening hours?", answer: "Mon-Sat 9:00-18:00.", keywords: ["hours"] },
  { question: "How much does delivery cost?", answer: "Free over 50 EUR.", keywords: ["delivery"] },
  { question: "Can I return an item?", answer: "Yes, within 30 days.", keywords: ["return"] },
];
const QUESTIONS = ["what are your opening hours", "how much is delivery?", "can i return it"];

type Sent = { phoneNumberId: string; customer: string; wamid: string; question: string };

/**
 * Webhook → reply job → Graph send, end to end against `next start` on PostgreSQL with the
 * in-process job driver and the built-in Graph emulator, as `npm run dev` runs but on PostgreSQL.
 */
export async function pipelineBench(port: number): Promise<Row[]> {
  const adminUrl = getEnv().databaseUrl;
  if (!adminUrl) return [];
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString(), max: 4 });
  try {
    await handle.migrate();
    const file = validateTenantImport({
      workspaces: Array.from({ length: WORKSPACES }, (_, i) => ({
        name: `Pipeline Shop ${i}`,
        whatsapp: {
          phoneNumberId: `18${String(i).padStart(13, "0")}`,
          accessToken: `EAAG-pipeline-${i}-${randomBytes(8).toString("hex")}`,
        },
        faqs: FAQS,
      })),
    });
    if (!file.ok) throw new Error("pipeline bench tenants invalid");
    const created = await importTenants(handle.db, file.data, {
      keyring: createKeyring(BENCH_KEY),
    });
    for (const ws of created) await upsertFaqs(handle.db, { workspaceId: ws.id, faqs: FAQS });

    // Every message, made up front; the simulated phone's own record of it keeps the emulator's
    // 24-hour window open and lets it accept the read receipt, as for a real customer.
    const sent: Sent[] = Array.from({ length: MESSAGES }, (_, i) => {
      const w = i % WORKSPACES;
      return {
        phoneNumberId: `18${String(w).padStart(13, "0")}`,
        customer: `3519${String(w).padStart(3, "0")}${String(i % CUSTOMERS_PER_WORKSPACE).padStart(5, "0")}`,
        wamid: `wamid.BENCH${randomBytes(12).toString("hex").toUpperCase()}`,
        question: QUESTIONS[i % QUESTIONS.length] as string,
      };
    });
    for (const s of sent) {
      await insertSandboxMessage(handle.db, {
        phoneNumberId: s.phoneNumberId,
        customer: s.customer,
        direction: "from_customer",
        wamid: s.wamid,
        type: "text",
        body: { text: { body: s.question } },
        status: "delivered",
      });
    }

    const server = await startServer(port, {
      DATABASE_URL: url.toString(),
      META_APP_SECRET: "",
      // The built-in Meta sandbox answers the sends, in this process, on purpose.
      SANDBOX: "1",
      OPENAI_API_KEY: "",
    });
    const startedAt: number[] = new Array(MESSAGES);
    let began = 0;
    try {
      began = Date.now();
      await load(port, MESSAGES, CONCURRENCY, (i) => {
        const s = sent[i] as Sent;
        const msg = {
          ...inbound({ phone: s.customer }, "text", { text: { body: s.question } }),
          id: s.wamid,
        };
        const body = JSON.stringify(
          envelope({
            wabaId: "1",
            changes: [messagesChange(s.phoneNumberId, { messages: [msg] })],
          }),
        );
        startedAt[i] = Date.now();
        return {
          path: "/api/webhooks/whatsapp",
          body,
          headers: {
            "content-type": "application/json",
            "x-hub-signature-256": signPayload(body, SANDBOX_APP_SECRET),
          },
        };
      });
      // Until every message is settled, or two minutes pass.
      const deadline = performance.now() + 120_000;
      for (;;) {
        const [row] = await queryRows<{ pending: string }>(
          handle.db,
          sql`select count(*) as pending from messages where direction = 'inbound' and reply_state = 'pending'`,
        );
        if (Number(row?.pending ?? 0) === 0 || performance.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await stop(server);
    }

    const rows = await queryRows<{
      inbound: string;
      replies: string;
      accepted_at: Date | string | null;
      source: string | null;
    }>(
      handle.db,
      sql`select i.wa_message_id as inbound, count(o.id) as replies, min(s.created_at) as accepted_at,
              min(o.source::text) as source
         from messages i
         left join messages o on o.reply_to_id = i.id and o.reply_kind = 'answer'
         left join sandbox_messages s on s.wamid = o.wa_message_id
        where i.direction = 'inbound'
        group by i.wa_message_id`,
    );
    const byWamid = new Map(rows.map((r) => [r.inbound, r]));
    const latencies: number[] = [];
    let lost = 0;
    let duplicated = 0;
    let notFaq = 0;
    let lastAccepted = began;
    for (const [i, s] of sent.entries()) {
      const r = byWamid.get(s.wamid);
      const replies = Number(r?.replies ?? 0);
      if (!r || replies === 0 || !r.accepted_at) {
        lost += 1;
        continue;
      }
      if (replies > 1) duplicated += 1;
      if (r.source !== "faq") notFaq += 1;
      const accepted = new Date(r.accepted_at).getTime();
      lastAccepted = Math.max(lastAccepted, accepted);
      latencies.push(accepted - (startedAt[i] as number));
    }
    latencies.sort((a, b) => a - b);
    const seconds = (lastAccepted - began) / 1000;
    return [
      {
        benchmark: "pipeline: webhook → FAQ reply → Graph send",
        engine: "postgres",
        n: MESSAGES,
        throughput: `${Math.round((MESSAGES - lost) / seconds)}/s`,
        p50: ms(percentile(latencies, 50)),
        p95: ms(percentile(latencies, 95)),
        p99: ms(percentile(latencies, 99)),
        extra: `${WORKSPACES} workspaces; ${lost} unanswered after 2 min, ${duplicated} duplicated, ${notFaq} not from the FAQ (goal: p95 < 200 ms, ≥ 200/s)`,
      },
    ];
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
