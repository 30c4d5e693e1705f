import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "@/db";
import { queryRows } from "@/db/rows";
import { createKeyring } from "@/lib/crypto/keyring";
import { importTenants } from "@/lib/tenants/import-tenants";
import { envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { signPayload } from "@/lib/whatsapp/signature";

export const SECRET = "crash-bench-app-secret";
const PHONE = "170000000000001";
export const KEY = Buffer.alloc(32, 5).toString("base64");
const DRAIN_TIMEOUT_MS = 180_000;
// One FAQ entry per message of a conversation, so each answer names its message.
const faqs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    question: `What about topic ${i} number ${i * 7 + 3}?`,
    answer: `Answer ${i}: everything about topic ${i}.`,
    keywords: [`topic${i}`],
  }));

export type CrashScenario = {
  /** A PostgreSQL URL whose server may create and drop a database for the run. */
  adminUrl: string;
  /** The app's port; Meta's stand-in listens on the next one. */
  port: number;
  conversations: number;
  perConversation: number;
  kills: number;
  everyMs: number;
  reconcileSeconds: number;
  /**
   * Servers sharing the database, each with its own in-process jobs (default 1). Customers'
   * messages go to them in turn, as a load balancer spreads them; kills hit the first.
   */
  replicas?: number;
};

export type CrashResult = {
  messages: number;
  stored: number;
  lost: number;
  duplicated: number;
  /** Answers WhatsApp received in another order than their customer's questions. */
  outOfOrder: number;
  flagged: number;
  resent: number;
  kills: number;
  killAt: number[];
  drainSeconds: number;
  waiting: number;
  /** Milliseconds from Meta's first delivery attempt to the answer's send, sorted. */
  latencies: number[];
};

type StubSend = {
  wamid: string;
  to: string;
  text: string | null;
  callbackData: string | null;
  at: number;
};

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export function startApp(
  port: number,
  databaseUrl: string,
  stubPort: number,
  reconcileSeconds: number,
): ChildProcess {
  // The server itself (not npx) in its own process group, so SIGKILL reaches exactly it.
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      META_APP_SECRET: SECRET,
      META_GRAPH_URL: `http://127.0.0.1:${stubPort}`,
      ENCRYPTION_KEY: KEY,
      AUTH_SECRET: "c".repeat(40),
      REPLY_RECONCILE_SECONDS: String(reconcileSeconds),
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

export async function healthy(port: number) {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error("the server did not come up");
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || !child.pid) return resolve();
    child.once("exit", () => resolve());
    process.kill(-child.pid, "SIGKILL");
  });
}

/** Delivers one customer message as Meta does: again and again until the app answers 200. */
async function deliver(port: number, conversation: number, index: number, text: string) {
  const customer = `35190000${String(conversation).padStart(4, "0")}`;
  const body = JSON.stringify(
    envelope({
      wabaId: "1",
      changes: [
        messagesChange(PHONE, {
          messages: [
            {
              ...inbound({ phone: customer }, "text", {
                text: { body: text },
              }),
              id: `wamid.CRASH${String(conversation).padStart(2, "0")}${String(index).padStart(2, "0")}${randomBytes(6).toString("hex")}`,
            },
          ],
        }),
      ],
    }),
  );
  const headers = {
    "content-type": "application/json",
    "x-hub-signature-256": signPayload(body, SECRET),
  };
  const first = performance.now();
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/webhooks/whatsapp`, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(10_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return first;
    await sleep(300);
  }
}

/**
 * Crash scenario: customer messages across conversations against `next start` on PostgreSQL,
 * with Meta a separate process that sends status webhooks back (retrying while the app is down).
 * The server is killed with SIGKILL at random moments and restarted at once. Counts messages
 * never answered nor handed to a person (lost), answered more than once (duplicated), and handed
 * to a person because a reply could not be confirmed (flagged), from what Meta received.
 */
export async function runCrashScenario(o: CrashScenario): Promise<CrashResult> {
  const CONVERSATIONS = o.conversations;
  const PER_CONVERSATION = o.perConversation;
  const MESSAGES = CONVERSATIONS * PER_CONVERSATION;
  const FAQS = faqs(PER_CONVERSATION);
  const port = o.port;
  // The first server on `port`, Meta's stand-in on the next, further servers after it.
  const ports = Array.from({ length: o.replicas ?? 1 }, (_, i) => (i === 0 ? port : port + 1 + i));
  const adminUrl = o.adminUrl;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `parley_crash_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = openDatabase({ kind: "postgres", url: databaseUrl, max: 2 });
  const stubPort = port + 1;
  const stub = spawn("npx", ["tsx", "lib/testing/meta-stub-server.ts"], {
    env: {
      ...process.env,
      PORT: String(stubPort),
      APP_SECRET: SECRET,
      WEBHOOK_URL: `http://127.0.0.1:${port}/api/webhooks/whatsapp`,
      SEND_DELAY_MS: "100",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let app: ChildProcess | null = null;
  const others: ChildProcess[] = [];
  try {
    await handle.migrate();
    const file = validateTenantImport({
      workspaces: [
        {
          name: "Crash Shop",
          whatsapp: {
            phoneNumberId: PHONE,
            accessToken: `EAAG-crash-${randomBytes(8).toString("hex")}`,
          },
          faqs: FAQS,
        },
      ],
    });
    if (!file.ok) throw new Error("crash bench tenant invalid");
    await importTenants(handle.db, file.data, { keyring: createKeyring(KEY) });

    app = startApp(port, databaseUrl, stubPort, o.reconcileSeconds);
    for (const other of ports.slice(1)) {
      others.push(startApp(other, databaseUrl, stubPort, o.reconcileSeconds));
    }
    for (const p of ports) await healthy(p);
    for (let i = 0; i < 40; i++) {
      const up = await fetch(`http://127.0.0.1:${stubPort}/stub/sends`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await sleep(250);
    }

    const span = MESSAGES * o.everyMs;
    // One kill at a random moment in each of `kills` equal stretches of the sending.
    const stretch = (span - 1_000) / Math.max(1, o.kills);
    const killAt = Array.from(
      { length: o.kills },
      (_, k) => 500 + k * stretch + (0.15 + Math.random() * 0.7) * stretch,
    );
    killAt.sort((a, b) => a - b);

    const started = performance.now();
    const firstAttempt = new Map<string, number>();
    const deliveries = Array.from({ length: MESSAGES }, async (_, i) => {
      await sleep(i * o.everyMs);
      const conversation = i % CONVERSATIONS;
      const index = Math.floor(i / CONVERSATIONS);
      const to = ports[i % ports.length] ?? port;
      const at = await deliver(to, conversation, index, FAQS[index]?.question ?? "");
      firstAttempt.set(`${conversation}:${index}`, at);
    });
    let kills = 0;
    for (const t of killAt) {
      await sleep(Math.max(0, t - (performance.now() - started)));
      if (app) await killHard(app);
      kills++;
      app = startApp(port, databaseUrl, stubPort, o.reconcileSeconds);
      await healthy(port);
    }
    await Promise.all(deliveries);

    // Drain: every message answered or handed off, every send's statuses delivered.
    const drainStart = performance.now();
    let waiting = -1;
    while (performance.now() - drainStart < DRAIN_TIMEOUT_MS) {
      const [row] = await queryRows<{ waiting: number }>(
        handle.db,
        sql`select count(*)::int as waiting from messages
            where (direction = 'inbound' and reply_state = 'pending')
               or (direction = 'outbound' and status = 'pending')`,
      );
      const stubState = (await fetch(`http://127.0.0.1:${stubPort}/stub/sends`).then((r) =>
        r.json(),
      )) as {
        pendingWebhooks: number;
      };
      waiting = (row?.waiting ?? 0) + stubState.pendingWebhooks;
      if (waiting === 0) break;
      await sleep(1_000);
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;

    const { sends } = (await fetch(`http://127.0.0.1:${stubPort}/stub/sends`).then((r) =>
      r.json(),
    )) as {
      sends: StubSend[];
    };
    const inboundRows = await queryRows<{
      id: string;
      seq: string;
      wa_message_id: string;
      reply_state: string;
      needs_human: boolean;
    }>(
      handle.db,
      sql`select m.id, m.seq, m.wa_message_id, m.reply_state, c.needs_human
          from messages m join conversations c on c.id = m.conversation_id
          where m.direction = 'inbound'`,
    );
    const replies = await queryRows<{
      id: string;
      reply_to_id: string;
      status: string;
      send_attempts: number;
    }>(
      handle.db,
      sql`select id, reply_to_id, status, send_attempts from messages where direction = 'outbound'`,
    );
    const resent = replies.filter((r) => r.send_attempts > 1).length;
    // Each conversation's answers differ, so a customer and a text name one answer: counted from
    // what Meta received, whatever Parley recorded.
    const sendsByAnswer = new Map<string, StubSend[]>();
    for (const s of sends) {
      const key = `${s.to.replace(/^\+/, "")}|${s.text}`;
      sendsByAnswer.set(key, [...(sendsByAnswer.get(key) ?? []), s]);
    }
    let lost = 0;
    let duplicated = 0;
    let flagged = 0;
    const latencies: number[] = [];
    for (const m of inboundRows) {
      const key = /^wamid\.CRASH(\d{2})(\d{2})/.exec(m.wa_message_id);
      const conversation = Number(key?.[1]);
      const index = Number(key?.[2]);
      const customer = `35190000${String(conversation).padStart(4, "0")}`;
      const delivered = sendsByAnswer.get(`${customer}|${FAQS[index]?.answer}`) ?? [];
      if (delivered.length > 1) duplicated++;
      if (delivered.length === 0) {
        const mine = replies.filter((r) => r.reply_to_id === m.id);
        const handedOff = m.reply_state === "failed" || mine.some((r) => r.status === "failed");
        if (handedOff && m.needs_human) flagged++;
        else lost++;
      }
      const first = firstAttempt.get(`${conversation}:${index}`);
      const sentAt = delivered[0]?.at;
      if (first !== undefined && sentAt !== undefined) {
        latencies.push(sentAt - (performance.timeOrigin + first));
      }
    }
    // Each customer's answers, in the order WhatsApp received them, follow the order in which
    // their questions arrived (stored).
    let outOfOrder = 0;
    const answerIndex = new Map(FAQS.map((f, i) => [f.answer, i]));
    const answered = new Map<string, number[]>();
    for (const s of [...sends].sort((a, b) => a.at - b.at)) {
      const index = answerIndex.get(s.text ?? "");
      if (index === undefined) continue;
      const to = s.to.replace(/^\+/, "");
      answered.set(to, [...(answered.get(to) ?? []), index]);
    }
    const asked = new Map<string, number[]>();
    for (const m of [...inboundRows].sort((a, b) => Number(a.seq) - Number(b.seq))) {
      const key = /^wamid\.CRASH(\d{2})(\d{2})/.exec(m.wa_message_id);
      const to = `35190000${String(Number(key?.[1])).padStart(4, "0")}`;
      asked.set(to, [...(asked.get(to) ?? []), Number(key?.[2])]);
    }
    for (const [to, got] of answered) {
      const expected = (asked.get(to) ?? []).filter((i) => got.includes(i));
      outOfOrder += got.filter((index, k) => expected[k] !== index).length;
    }
    // Messages Meta delivered that were never stored at all are lost too.
    lost += Math.max(0, MESSAGES - inboundRows.length);
    latencies.sort((a, b) => a - b);
    return {
      messages: MESSAGES,
      stored: inboundRows.length,
      lost,
      duplicated,
      outOfOrder,
      flagged,
      resent,
      kills,
      killAt,
      drainSeconds,
      waiting,
      latencies,
    };
  } finally {
    if (app) await killHard(app);
    for (const other of others) await killHard(other);
    if (stub.pid) process.kill(-stub.pid, "SIGKILL");
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
