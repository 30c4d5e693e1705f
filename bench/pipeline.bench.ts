import type { ChildProcess } from "node:child_process";
import postgres from "postgres";
import { openDatabase } from "@/db";
import { createKeyring } from "@/lib/crypto/keyring";
import { getEnv } from "@/lib/env";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { signPayload } from "@/lib/whatsapp/signature";
import { loadFor, type OfferResult, offer, refusals, wallClock } from "./load";
import { type StatusState, statusDelivery } from "./meta-payloads";
import { type MetaStub, type StubSend, startMetaStub } from "./meta-stub-client";
import { type StatementCounter, type StatementWindow, statementCounter } from "./pg-statements";
import { cpuSnapshot, cpuSpent } from "./proc-cpu";
import {
  BENCH_APP_SECRET,
  BENCH_KEY,
  createBenchDatabase,
  customerMessage,
  startServer,
  stop,
} from "./server";
import { appendix, percentile, type Row } from "./stats";

// Webhook → reply job → Graph send, end to end: `next start` on PostgreSQL with the in-process
// job driver, Meta (and the AI model) played by bench/meta-stub.ts in a process of its own, which
// answers sends like Meta and sends the three status webhooks back, signed, like Meta. Latency is
// from a customer message's webhook request starting to the stub receiving the reply's send.
// Issue 18's goals are printed beside each figure.

const WORKSPACES = 50;
const AI_WORKSPACES = 5;
const CUSTOMERS_PER_WORKSPACE = 20;
const MODEL_DELAY_MS = 800;
// The statement and CPU profile windows: 240 messages each.
const PROFILE = { rate: 20, seconds: 12, waitMs: 25_000 };
const FAQS = [
  { question: "What are your opening hours?", answer: "Mon-Sat 9:00-18:00.", keywords: ["hours"] },
  { question: "How much does delivery cost?", answer: "Free over 50 EUR.", keywords: ["delivery"] },
  { question: "Can I return an item?", answer: "Yes, within 30 days.", keywords: ["return"] },
];
const QUESTIONS = ["what are your opening hours", "how much is delivery?", "can i return it"];
// Nothing in the FAQ answers these: the AI workspaces ask the model.
const AI_QUESTIONS = [
  "Do you sell gift cards for birthdays?",
  "Is there parking near the shop?",
  "Can I pay with a bank transfer from abroad?",
];
// How the stub model's answers begin (bench/meta-stub.ts).
const AI_ANSWER = "Stub model answer";
const FAQ_ANSWERS = new Set(FAQS.map((f) => f.answer));
const isAnswer = (s: StubSend) =>
  s.text !== null && (FAQ_ANSWERS.has(s.text) || s.text.startsWith(AI_ANSWER));

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Traffic = { phones: string[]; customerPrefix: string; questions: string[] };

// Message i: workspace i mod N, then each of its customers in turn, so load spreads over all.
function message(t: Traffic, i: number, secret?: string) {
  const w = i % t.phones.length;
  const c = Math.floor(i / t.phones.length) % CUSTOMERS_PER_WORKSPACE;
  return customerMessage({
    phoneNumberId: t.phones[w] as string,
    customer: `${t.customerPrefix}${pad(w, 3)}${pad(c, 5)}`,
    text: t.questions[i % t.questions.length] as string,
    ...(secret && { secret }),
  });
}

/** Milliseconds for people: "3.4 ms", "180 ms", "12.3 s"; unanswered messages as such. */
function human(v: number): string {
  if (Number.isNaN(v)) return "–";
  if (!Number.isFinite(v)) return "unanswered";
  if (v < 10) return `${v.toFixed(1)} ms`;
  if (v < 1000) return `${Math.round(v)} ms`;
  return `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} s`;
}
const rate = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0);
const perSecond = (n: number, ms: number) => `${rate(n, ms).toFixed(1)}/s`;
const check = (ok: boolean) => (ok ? "met" : "NOT met");

type Phase = {
  offered: OfferResult;
  wamids: string[];
  began: number;
  offerEnded: number;
  ended: number;
  /** The stub's send count when the phase began: its sends are after it. */
  sendsFrom: number;
};

type Outcome = {
  /** Per offered message, from its webhook's start to its answer's send (Infinity: none). */
  latencies: number[];
  answerAt: number[];
  answered: number;
  duplicated: number;
  /** Sends linked to the messages that are not answers (notices, fallbacks). */
  otherSends: number;
};

export async function pipelineBench(port: number): Promise<Row[]> {
  const adminUrl = getEnv().databaseUrl;
  if (!adminUrl) return [];
  const database = await createBenchDatabase(adminUrl);
  const handle = openDatabase({ kind: "postgres", url: database.url, max: 2 });
  let handleOpen = true;
  // The benchmark's own reads: the links between messages, the statement counts.
  const pg = postgres(database.url, { max: 1, onnotice: () => {} });
  let stub: MetaStub | null = null;
  let server: ChildProcess | null = null;
  try {
    await handle.migrate();
    const phone = (prefix: string, w: number) => `${prefix}${pad(w, 13)}`;
    const faqPhones = Array.from({ length: WORKSPACES }, (_, w) => phone("18", w));
    const aiPhones = Array.from({ length: AI_WORKSPACES }, (_, w) => phone("17", w));
    // Limits high enough never to stop a benchmark answer; their checks still run as usual.
    const limits = { maxMessagesPerHour: 100_000, maxMessagesPerUserPerDay: 10_000 };
    const file = validateTenantImport({
      workspaces: [
        ...faqPhones.map((phoneNumberId, i) => ({
          name: `Pipeline Shop ${i}`,
          whatsapp: { phoneNumberId, accessToken: `EAAG-pipeline-${i}-${"x".repeat(24)}` },
          // FAQ answers only: no model, so no automated-assistant notice either.
          bot: { ...limits, aiEnabled: false },
          faqs: FAQS,
        })),
        ...aiPhones.map((phoneNumberId, i) => ({
          name: `Pipeline AI Shop ${i}`,
          whatsapp: { phoneNumberId, accessToken: `EAAG-pipeline-ai-${i}-${"x".repeat(24)}` },
          bot: { ...limits, aiEnabled: true, aiDisclosure: false },
          faqs: FAQS,
        })),
      ],
    });
    if (!file.ok) throw new Error("pipeline bench tenants invalid");
    await importTenants(handle.db, file.data, { keyring: createKeyring(BENCH_KEY) });
    await handle.close();
    handleOpen = false;
    const faqTraffic: Traffic = { phones: faqPhones, customerPrefix: "3519", questions: QUESTIONS };
    const aiTraffic: Traffic = {
      phones: aiPhones,
      customerPrefix: "3518",
      questions: AI_QUESTIONS,
    };

    const counter: StatementCounter = await statementCounter(pg);
    stub = await startMetaStub({
      port: port + 1,
      appSecret: BENCH_APP_SECRET,
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/whatsapp`,
      modelDelayMs: MODEL_DELAY_MS,
    });
    const meta = stub;
    server = await startServer(port, {
      DATABASE_URL: database.url,
      META_APP_SECRET: BENCH_APP_SECRET,
      META_GRAPH_URL: meta.url,
      SANDBOX: "0",
      OPENAI_API_KEY: "sk-bench-stub",
      OPENAI_BASE_URL: `${meta.url}/v1`,
      OPENAI_MODEL: "stub-model",
      OPENAI_EMBEDDING_MODEL: "",
      AI_FALLBACK_PROVIDERS: "",
      // The in-process job driver, with its default limit.
      INNGEST_EVENT_KEY: "",
      INNGEST_SIGNING_KEY: "",
      INNGEST_BASE_URL: "",
      INNGEST_DEV: "",
      JOB_CONCURRENCY: process.env.PIPELINE_JOB_CONCURRENCY ?? "",
    });
    const group = server.pid as number;
    const notes: string[] = [];

    /** Offers `traffic` open-loop, then waits until every message is answered or `waitMs` pass. */
    async function phase(
      traffic: Traffic,
      o: { rate: number; seconds: number; waitMs: number; statusesSettle?: boolean },
    ): Promise<Phase> {
      const sendsFrom = (await meta.sends()).length;
      const wamids: string[] = [];
      const began = wallClock();
      const offered = await offer(port, { rate: o.rate, seconds: o.seconds }, (i) => {
        const m = message(traffic, i);
        wamids[i] = m.wamid;
        return m;
      });
      const offerEnded = wallClock();
      for (;;) {
        const sends = await meta.sends();
        let answers = 0;
        for (let i = sendsFrom; i < sends.length; i++)
          if (isAnswer(sends[i] as StubSend)) answers++;
        if (answers >= offered.ok || wallClock() > offerEnded + o.waitMs) break;
        await sleep(250);
      }
      if (o.statusesSettle !== false) await meta.statusesSettled(15_000);
      return { offered, wamids, began, offerEnded, ended: wallClock(), sendsFrom };
    }

    /** Which of the phase's messages were answered, when, and how often, as Meta saw it. */
    async function outcome(p: Phase): Promise<Outcome> {
      const sends = await meta.sends();
      const byWamid = new Map(sends.map((s) => [s.wamid, s]));
      // Each reply row names the customer message it answers (reply_to_id).
      const rows = await pg<{ inbound: string; outbound: string }[]>`
        select i.wa_message_id as inbound, o.wa_message_id as outbound
          from messages i join messages o on o.reply_to_id = i.id
         where i.wa_message_id = any(${p.wamids}::text[]) and o.wa_message_id is not null`;
      const sent = new Map<string, StubSend[]>();
      for (const r of rows) {
        const s = byWamid.get(r.outbound);
        if (s) sent.set(r.inbound, [...(sent.get(r.inbound) ?? []), s]);
      }
      const result: Outcome = {
        latencies: [],
        answerAt: [],
        answered: 0,
        duplicated: 0,
        otherSends: 0,
      };
      p.wamids.forEach((wamid, i) => {
        const all = sent.get(wamid) ?? [];
        const answers = all.filter(isAnswer);
        result.otherSends += all.length - answers.length;
        if (answers.length > 1) result.duplicated++;
        const first = Math.min(...answers.map((a) => a.at));
        result.answerAt[i] = first;
        if (answers.length > 0) result.answered++;
        result.latencies.push(first - (p.offered.startedAt[i] as number));
      });
      result.latencies.sort((a, b) => a - b);
      return result;
    }

    const answersBetween = (sends: StubSend[], from: number, to: number) =>
      sends.filter((s) => s.at >= from && s.at <= to && isAnswer(s)).length;

    /** Statements, CPU and answers while `run` runs. */
    async function measured<T>(run: () => Promise<T>) {
      if (counter.ok) await counter.reset();
      const before = cpuSnapshot(group, database.name);
      const began = wallClock();
      const result = await run();
      const ended = wallClock();
      const cpu = cpuSpent(before, cpuSnapshot(group, database.name));
      const sql: StatementWindow | null = counter.ok ? await counter.read() : null;
      const answers = answersBetween(await meta.sends(), began, ended);
      return { result, cpu, sql, answers, ms: ended - began };
    }

    // Messages still unanswered after a phase's wait would compete with the next one: they are
    // marked as no longer waiting (their queued jobs then end at once), and the server left to
    // go idle. Reads only the reply state column; says so when it cannot.
    async function clearBacklog(after: string, replies = true) {
      if (replies) {
        try {
          const left = await pg`
            update messages set reply_state = 'skipped'
             where direction = 'inbound' and reply_state = 'pending'`;
          if (left.count > 0)
            notes.push(`${left.count} messages still waiting after ${after} were dropped`);
        } catch (error) {
          notes.push(`backlog after ${after} not cleared: ${(error as Error).message}`);
        }
      }
      const deadline = Date.now() + 20_000;
      let last = cpuSnapshot(group, database.name);
      while (Date.now() < deadline) {
        await sleep(1000);
        const now = cpuSnapshot(group, database.name);
        const busy = cpuSpent(last, now).serverMs;
        last = now;
        const stats = await meta.stats();
        if (busy < 50 && stats.statusesPending === 0) return;
      }
      notes.push(`server still busy 20 s after ${after}`);
    }

    const rows: Row[] = [];
    const row = (r: Omit<Row, "engine">) => rows.push({ engine: "postgres", ...r });

    // Warm-up: compiled code paths, connection pools, caches.
    await loadFor(
      port,
      2,
      8,
      (i) => message(faqTraffic, i, "not-the-app-secret"),
      () => true,
    );
    await phase(faqTraffic, { rate: 10, seconds: 5, waitMs: 20_000 });
    await clearBacklog("the warm-up");

    // e/f: statements and CPU per answer at a load every version keeps up with, so that each
    // window's work is its answers' work; first the reply path alone, then with statuses.
    await meta.configure({ statuses: false });
    // What the server runs with no message at all (its pollers), over as long as a window.
    const idle = await measured(() => sleep((PROFILE.seconds + 2) * 1000));
    const quiet = await measured(() => phase(faqTraffic, PROFILE));
    await clearBacklog("the statuses-off window");
    await meta.configure({ statuses: true });
    const loud = await measured(() => phase(faqTraffic, PROFILE));
    await clearBacklog("the statuses-on window");

    // e and f alone (`PIPELINE_ONLY=cost`): the cost of an answer, for profiling a change.
    function costRows() {
      // e. Statements per answered message
      const sqlRow = (label: string, w: typeof quiet, what: string) => {
        // The idle server's statements over as long as this window are not the answers' work.
        const background = idle.sql && idle.ms > 0 ? (idle.sql.calls * w.ms) / idle.ms : 0;
        const perAnswer =
          w.sql && w.answers > 0 ? (w.sql.calls - background) / w.answers : Number.NaN;
        row({
          benchmark: `pipeline e: SQL statements per answered message, ${label}`,
          n: w.answers,
          throughput: w.sql ? perAnswer.toFixed(2) : "n/a",
          p50: "",
          p95: "",
          extra: w.sql
            ? `${label === "statuses off" ? `goal ≤ 5: ${check(Number(perAnswer.toFixed(2)) <= 5)}; ` : ""}${what}; ${w.sql.calls} statements (BEGIN/COMMIT included) for ${w.answers} answers in ${(w.ms / 1000).toFixed(0)} s, less ${background.toFixed(1)} that the idle server runs over as long (its pollers: ${idle.sql?.calls ?? 0} in ${(idle.ms / 1000).toFixed(0)} s); profile below`
            : `pg_stat_statements unavailable: ${counter.ok ? "" : counter.reason}`,
        });
      };
      const profiled = `${PROFILE.rate}/s offered for ${PROFILE.seconds} s, until answered`;
      sqlRow(
        "statuses off",
        quiet,
        `the reply path: inbound webhook storage and the reply job, ${profiled}`,
      );
      sqlRow(
        "statuses on",
        loud,
        `everything per answer, its three status webhooks included, ${profiled}`,
      );

      // f. CPU per reply
      const cpuRow = (label: string, w: typeof quiet) => {
        const per = (v: number) => (w.answers > 0 ? (v / w.answers).toFixed(2) : "n/a");
        row({
          benchmark: `pipeline f: CPU ms per reply, ${label}`,
          n: w.answers,
          throughput: `${per(w.cpu.serverMs)} server`,
          p50: "",
          p95: "",
          extra: `next start's process group ${Math.round(w.cpu.serverMs)} ms; PostgreSQL ${per(w.cpu.pgOwnMs + w.cpu.pgSharedMs)} ms per reply (this database's backends ${Math.round(w.cpu.pgOwnMs)} ms, WAL writer/checkpointer ${Math.round(w.cpu.pgSharedMs)} ms) over ${(w.ms / 1000).toFixed(0)} s${w.cpu.ended > 0 ? `; ${w.cpu.ended} processes ended during the window, their CPU not counted` : ""}; the benchmark and the stub share the 2 cores`,
        });
      };
      cpuRow("statuses off", quiet);
      cpuRow("statuses on", loud);
    }
    function statementAppendix() {
      for (const [label, w] of [
        ["statuses off (reply path)", quiet],
        ["statuses on", loud],
      ] as const) {
        if (!w.sql) continue;
        appendix.push(
          `\npipeline: top statements by calls, ${label}, ${w.answers} answers:`,
          ...w.sql.top.map(
            (s) =>
              `${String(s.calls).padStart(8)}  ${(s.calls / Math.max(1, w.answers)).toFixed(2).padStart(6)}/answer  ${s.query.replace(/\s+/g, " ").slice(0, 140)}`,
          ),
        );
      }
    }
    if (process.env.PIPELINE_ONLY === "cost") {
      costRows();
      statementAppendix();
      return rows;
    }

    // b: 80 messages a second offered for 60 s.
    const steady = await phase(faqTraffic, { rate: 80, seconds: 60, waitMs: 20_000 });
    const steadyOut = await outcome(steady);
    await clearBacklog("the 80/s run");

    // d: customer-message webhooks against the nearest thing to an empty route, closed loop.
    await meta.configure({ statuses: false });
    const empty = await loadFor(
      port,
      5,
      16,
      (i) => message(faqTraffic, i, "not-the-app-secret"),
      (status) => status === 401,
    );
    const hooksFrom = (await meta.sends()).length;
    const hooks = await loadFor(port, 5, 16, (i) => message(faqTraffic, i));
    const hooksDeadline = wallClock() + 10_000;
    while (wallClock() < hooksDeadline) {
      const sends = await meta.sends();
      if (sends.slice(hooksFrom).filter(isAnswer).length >= hooks.ok) break;
      await sleep(250);
    }
    await clearBacklog("the webhook throughput run");

    // g: AI workspaces, questions no FAQ entry answers, the model taking 800 ms.
    const statsBeforeAi = await meta.stats();
    const ai = await phase(aiTraffic, { rate: 40, seconds: 30, waitMs: 20_000 });
    const aiOut = await outcome(ai);
    const statsAfterAi = await meta.stats();
    await clearBacklog("the AI run");

    // c: status webhooks for sent replies, as fast as the server takes them. First the replies
    // sent while statuses were off (new transitions), then repeats of statuses already taken.
    const sendsNow = await meta.sends();
    const fresh = sendsNow.filter((s) => !s.statuses);
    const seen = sendsNow.filter((s) => s.statuses);
    const statusItems: { send: StubSend; state: StatusState }[] = [...fresh, ...seen].flatMap(
      (send) => [
        { send, state: "delivered" as const },
        { send, state: "read" as const },
      ],
    );
    if (statusItems.length === 0) throw new Error("No reply was sent: the pipeline is broken");
    const statuses = await loadFor(port, 10, 32, (i) => {
      const item = statusItems[i % statusItems.length] as (typeof statusItems)[number];
      const body = statusDelivery(item.send, item.state);
      return {
        path: "/api/webhooks/whatsapp",
        body,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signPayload(body, BENCH_APP_SECRET),
        },
      };
    });
    await clearBacklog("the status run", false);

    // a: offered above capacity for 60 s with statuses on; then up to two minutes to drain.
    await meta.configure({ statuses: true });
    const drain = await phase(faqTraffic, {
      rate: 250,
      seconds: 60,
      waitMs: 120_000,
      statusesSettle: false,
    });
    const drainOut = await outcome(drain);
    let queued = "";
    try {
      const [left] = await pg<{ pending: string; stored: string }[]>`
        select count(*) filter (where reply_state = 'pending') as pending, count(*) as stored
          from messages where direction = 'inbound' and wa_message_id = any(${drain.wamids}::text[])`;
      queued = `; ${left?.pending} of the drain's messages still waiting in the queue, ${drain.wamids.length - Number(left?.stored)} never stored`;
    } catch (error) {
      queued = `; queue state unknown (${(error as Error).message})`;
    }
    // Sends no reply row records: each is a message the customer got that Parley lost track of
    // (and might send again). A send just made may still have its row being written: those are
    // looked up again for up to 30 s.
    const recorded = async (wamids: string[]) =>
      new Set(
        (
          await pg<{ w: string }[]>`
            select wa_message_id as w from messages
             where direction = 'outbound' and wa_message_id = any(${wamids}::text[])`
        ).map((r) => r.w),
      );
    let unrecorded = (await meta.sends()).map((s) => s.wamid);
    for (let i = 0; i < 15 && unrecorded.length > 0; i++) {
      if (i > 0) await sleep(2000);
      const found = await recorded(unrecorded);
      unrecorded = unrecorded.filter((w) => !found.has(w));
    }

    const finalStats = await meta.stats();

    // a. Drain
    const windowEnd = drain.began + 60_000;
    const inWindow = drainOut.answerAt.filter((t) => t >= drain.began && t <= windowEnd).length;
    const afterWindow = drainOut.answerAt.filter((t) => t > windowEnd && Number.isFinite(t));
    const lastAnswer = afterWindow.reduce((a, b) => Math.max(a, b), windowEnd);
    const drainLost = drain.wamids.length - drainOut.answered;
    row({
      benchmark: "pipeline a: drain, 250/s offered for 60 s, statuses on",
      n: drain.offered.sent,
      throughput: `${perSecond(inWindow, 60_000)} replies`,
      p50: human(percentile(drainOut.latencies, 50)),
      p95: human(percentile(drainOut.latencies, 95)),
      p99: human(percentile(drainOut.latencies, 99)),
      extra: [
        `goal ≥ 100/s, 0 lost, 0 duplicated: ${check(rate(inWindow, 60_000) >= 100 && drainLost === 0 && drainOut.duplicated === 0 && unrecorded.length === 0)}`,
        `replies/s over the 60 s window as the stub saw them; then ${perSecond(afterWindow.length, lastAnswer - windowEnd)} while draining`,
        `${drainLost} lost (no answer ${Math.round((drain.ended - drain.offerEnded) / 1000)} s after the window${queued})`,
        `${drainOut.duplicated} duplicated, ${unrecorded.length} sends with no reply row (whole run)`,
        `offered ${perSecond(drain.offered.sent, drain.offered.spanSeconds * 1000)}, ${drain.offered.late} late, ${drain.offered.failed} webhooks refused${drain.offered.failed > 0 ? ` (${refusals(drain.offered)})` : ""}`,
      ].join("; "),
    });

    // b. 80/s offered
    const ackP99 = percentile(steady.offered.latencies, 99);
    const p50 = percentile(steadyOut.latencies, 50);
    const p95 = percentile(steadyOut.latencies, 95);
    const steadyLost = steady.wamids.length - steadyOut.answered;
    row({
      benchmark: "pipeline b: 80/s offered for 60 s, webhook → reply's send",
      n: steady.offered.sent,
      throughput: `${perSecond(answersBetween(await meta.sends(), steady.began, steady.offerEnded), steady.offerEnded - steady.began)} replies`,
      p50: human(p50),
      p95: human(p95),
      p99: human(percentile(steadyOut.latencies, 99)),
      extra: [
        `goal p50 < 250 ms: ${check(p50 < 250)}, p95 < 1 s: ${check(p95 < 1000)}`,
        `${steadyLost} unanswered ${Math.round((steady.ended - steady.offerEnded) / 1000)} s after the window, ${steadyOut.duplicated} duplicated, ${steadyOut.otherSends} other sends`,
        `${WORKSPACES} workspaces, ${WORKSPACES * CUSTOMERS_PER_WORKSPACE} customers, statuses on`,
      ].join("; "),
    });
    row({
      benchmark: "pipeline b: webhook acknowledgement at 80/s",
      n: steady.offered.sent,
      throughput: perSecond(steady.offered.ok, steady.offered.seconds * 1000),
      p50: human(percentile(steady.offered.latencies, 50)),
      p95: human(percentile(steady.offered.latencies, 95)),
      p99: human(ackP99),
      extra: `goal p99 < 100 ms: ${check(ackP99 < 100 && steady.offered.failed === 0)}; request start → response of the customer messages, while the stub's status webhooks arrive too; ${steady.offered.failed} refused${steady.offered.failed > 0 ? ` (${refusals(steady.offered)})` : ""}, ${steady.offered.late} sent late`,
    });

    // c. Status ingest
    const statusRate = rate(statuses.ok, statuses.seconds * 1000);
    const freshSent = Math.min(statuses.sent, fresh.length * 2);
    row({
      benchmark: "pipeline c: status webhooks ingested, 32 in flight",
      n: statuses.sent,
      throughput: `${statusRate.toFixed(0)}/s`,
      p50: human(percentile(statuses.latencies, 50)),
      p95: human(percentile(statuses.latencies, 95)),
      p99: human(percentile(statuses.latencies, 99)),
      extra: `goal ≥ 1,000/s: ${check(statusRate >= 1000 && statuses.failed === 0)}; one delivered or read per delivery, signed; ${freshSent} new transitions, ${statuses.sent - freshSent} repeats of statuses already taken; ${statuses.failed} refused${statuses.failed > 0 ? ` (${refusals(statuses)})` : ""}`,
    });

    // d. Customer messages against the empty route
    const emptyRate = rate(empty.ok, empty.seconds * 1000);
    const hooksRate = rate(hooks.ok, hooks.seconds * 1000);
    const ratio = emptyRate > 0 ? hooksRate / emptyRate : 0;
    row({
      benchmark: "pipeline d: empty route (wrong signature → 401), 16 in flight",
      n: empty.sent,
      throughput: `${emptyRate.toFixed(0)}/s`,
      p50: human(percentile(empty.latencies, 50)),
      p95: human(percentile(empty.latencies, 95)),
      p99: human(percentile(empty.latencies, 99)),
      extra: `reads the body, one HMAC, 401, no database; same body size as a customer message; ${empty.failed} not 401${empty.failed > 0 ? ` (${refusals(empty, (status) => status === 401)})` : ""}`,
    });
    row({
      benchmark: "pipeline d: customer-message webhooks, 16 in flight",
      n: hooks.sent,
      throughput: `${hooksRate.toFixed(0)}/s`,
      p50: human(percentile(hooks.latencies, 50)),
      p95: human(percentile(hooks.latencies, 95)),
      p99: human(percentile(hooks.latencies, 99)),
      extra: `goal ≥ 0.6× the empty route: ${ratio.toFixed(2)}× ${check(ratio >= 0.6)}; the job driver answers them meanwhile (statuses off), as customers see it; ${hooks.failed} refused${hooks.failed > 0 ? ` (${refusals(hooks)})` : ""}`,
    });

    costRows();

    // g. AI path
    const aiInWindow = aiOut.answerAt.filter((t) => t >= ai.began && t <= ai.offerEnded).length;
    const aiLost = ai.wamids.length - aiOut.answered;
    row({
      benchmark: `pipeline g: AI answers, 40/s offered for 30 s, model ${MODEL_DELAY_MS} ms`,
      n: ai.offered.sent,
      throughput: `${perSecond(aiInWindow, ai.offerEnded - ai.began)} replies`,
      p50: human(percentile(aiOut.latencies, 50)),
      p95: human(percentile(aiOut.latencies, 95)),
      p99: human(percentile(aiOut.latencies, 99)),
      extra: [
        `goal: not limited by waiting on the model, i.e. keeping up with the 40/s offered (16 jobs × ${MODEL_DELAY_MS} ms would cap it at ${(16_000 / MODEL_DELAY_MS).toFixed(0)}/s): ${check(rate(aiInWindow, ai.offerEnded - ai.began) >= 36)}`,
        `${AI_WORKSPACES} AI workspaces, ${AI_WORKSPACES * CUSTOMERS_PER_WORKSPACE} customers, statuses off`,
        `${statsAfterAi.completions - statsBeforeAi.completions} model calls, ${aiLost} unanswered ${Math.round((ai.ended - ai.offerEnded) / 1000)} s after the window, ${aiOut.duplicated} duplicated, ${aiOut.otherSends} other sends (fallbacks)`,
      ].join("; "),
    });

    notes.push(
      `stub: ${finalStats.sends} sends, ${finalStats.markReads} marked read, ${finalStats.statusesPosted} status webhooks taken, ${finalStats.statusRetries} retried, ${finalStats.statusesFailed} given up, ${finalStats.rejected} Graph calls refused`,
    );
    appendix.push(`pipeline: ${notes.join("; ")}`);
    statementAppendix();
    return rows;
  } finally {
    if (server) await stop(server);
    if (stub) await stub.stop();
    await pg.end();
    if (handleOpen) await handle.close();
    await database.drop();
  }
}
