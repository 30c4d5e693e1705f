import { eq } from "drizzle-orm";
import { provideDatabase } from "@/db";
import { upsertFaqs } from "@/db/queries/faqs";
import { faqs } from "@/db/schema";
import type { AiProvider } from "@/lib/ai/providers";
import { type ComposeDeps, composeReply } from "@/lib/bot/compose-reply";
import { CONTEXT_ENTRIES, syncFaqEmbeddings, WHOLE_FAQ_MAX } from "@/lib/bot/semantic";
import { getEnv } from "@/lib/env";
import { createTestDatabase } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { startOpenAiStub } from "@/lib/testing/openai-stub";
import { EVAL_BUSINESSES, type EvalQuestion } from "./faq/eval";
import type { Row } from "./stats";

// The AI path of FAQ answering on the labelled set (bench/faq/eval), through the real
// `composeReply`: for each answerable question, does the right entry reach the model (is among
// the entries it is shown) or go out directly; and how often is a wrong entry sent directly.
// Offline the provider is a local stub: its chat never picks an entry and its embeddings are
// hashed bags of words, so what this measures is retrieval and the direct-match gate, not a
// real model's understanding. With OPENAI_API_KEY set the same run goes to the real provider.

type Mode = {
  name: string;
  /** Shows the model the closest entries only, as for an FAQ too large to show whole. */
  large: boolean;
  embeddings: boolean;
};

const MODES: Mode[] = [
  { name: `whole FAQ (≤ ${WHOLE_FAQ_MAX} entries)`, large: false, embeddings: true },
  { name: `closest ${CONTEXT_ENTRIES} only, lexical`, large: true, embeddings: false },
  { name: `closest ${CONTEXT_ENTRIES} only, hybrid`, large: true, embeddings: true },
];

type Outcome = {
  answerable: number;
  reached: number;
  direct: number;
  wrongDirect: number;
  modelPicked: number;
  modelPickedRight: number;
  total: number;
  maxEmbeddingCalls: number;
  shown: number[];
};

const acceptable = (q: EvalQuestion) =>
  new Set([q.expected, ...(q.alsoAcceptable ?? [])].filter((id): id is string => id !== null));

async function runMode(
  mode: Mode,
  half: EvalQuestion["half"],
  provider: AiProvider,
  countEmbeddings: () => number,
): Promise<Outcome> {
  const handle = await createTestDatabase("pglite");
  provideDatabase(handle);
  const out: Outcome = {
    answerable: 0,
    reached: 0,
    direct: 0,
    wrongDirect: 0,
    modelPicked: 0,
    modelPickedRight: 0,
    total: 0,
    maxEmbeddingCalls: 0,
    shown: [],
  };
  try {
    const deps: ComposeDeps = {
      db: handle.db,
      keyring: testKeyring,
      ai: {
        primary: provider,
        fallbacks: [],
        timeoutMs: 30_000,
        ...(!mode.embeddings && { embeddingModel: null }),
      },
      ...(mode.large && { wholeFaqMax: 0 }),
    };
    for (const business of EVAL_BUSINESSES) {
      const ws = await seedWorkspace(handle.db, business.name);
      const own = business.faqs.map(({ id: _id, ...f }) => ({ ...f, priority: 0 }));
      await upsertFaqs(handle.db, { workspaceId: ws.workspaceId, faqs: own });
      const rows = await handle.db
        .select({ id: faqs.id, question: faqs.question })
        .from(faqs)
        .where(eq(faqs.workspaceId, ws.workspaceId));
      const byQuestion = new Map(rows.map((r) => [r.question, r.id]));
      const evalIdOf = new Map(
        business.faqs.map((f) => [byQuestion.get(f.question) as string, f.id]),
      );
      await syncFaqEmbeddings(deps, ws.workspaceId);
      for (const q of business.questions.filter((x) => x.half === half)) {
        const before = countEmbeddings();
        const reply = await composeReply(deps, {
          workspaceId: ws.workspaceId,
          workspaceName: business.name,
          question: q.text,
          history: async () => [],
          recordHit: false,
          language: "en",
        });
        out.maxEmbeddingCalls = Math.max(out.maxEmbeddingCalls, countEmbeddings() - before);
        out.total += 1;
        const ok = acceptable(q);
        const chosen = reply.faqId ? evalIdOf.get(reply.faqId) : undefined;
        if (reply.faqVia === "match") {
          out.direct += 1;
          if (!chosen || !ok.has(chosen)) out.wrongDirect += 1;
        }
        if (reply.faqVia === "model") {
          out.modelPicked += 1;
          if (chosen && ok.has(chosen)) out.modelPickedRight += 1;
        }
        if (reply.shown) out.shown.push(reply.shown.ids.length);
        if (q.expected === null) continue;
        out.answerable += 1;
        const shownIds = new Set((reply.shown?.ids ?? []).map((id) => evalIdOf.get(id)));
        const direct = reply.faqVia === "match" && chosen !== undefined && ok.has(chosen);
        if (direct || [...ok].some((id) => id !== null && shownIds.has(id))) out.reached += 1;
      }
    }
  } finally {
    await handle.close();
  }
  return out;
}

const share = (n: number, d: number) => (d === 0 ? "n/a" : (n / d).toFixed(3));

function summary(o: Outcome, real: boolean): string {
  const avgShown = o.shown.length ? o.shown.reduce((a, b) => a + b, 0) / o.shown.length : 0;
  const parts = [
    `right entry reaches the model or is sent ${share(o.reached, o.answerable)} (${o.reached}/${o.answerable}; goal ≥ 0.97)`,
    `wrong entry sent directly ${share(o.wrongDirect, o.total)} (${o.wrongDirect}/${o.total}; goal ≤ 0.01)`,
    `sent directly ${o.direct}`,
    `entries shown ${avgShown.toFixed(1)} on average`,
    `embedding calls per message ≤ ${o.maxEmbeddingCalls}`,
  ];
  if (real) {
    parts.push(
      `model passed on an entry ${o.modelPicked} times, the right one ${share(o.modelPickedRight, o.modelPicked)}`,
    );
  }
  return parts.join("; ");
}

export async function faqAiBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const stub = await startOpenAiStub({ kind: "answer", text: "I am not sure about that." });
  try {
    const offline: AiProvider = {
      name: "stub",
      baseURL: stub.url,
      apiKey: "sk-stub",
      model: "gpt-4o-mini",
    };
    for (const half of ["holdout", "tune"] as const) {
      for (const mode of MODES) {
        const o = await runMode(mode, half, offline, () => stub.embeddings.length);
        rows.push({
          benchmark: `faq-ai: ${half}, ${mode.name}`,
          engine: "stub (hashed embeddings)",
          n: o.total,
          p50: "",
          p95: "",
          extra: summary(o, false),
        });
      }
    }
  } finally {
    await stub.close();
  }
  const real = getEnv().ai.primary;
  if (real) {
    for (const mode of MODES) {
      const o = await runMode(mode, "holdout", real, () => 0);
      rows.push({
        benchmark: `faq-ai: holdout, ${mode.name}`,
        engine: `${real.name} ${real.model}`,
        n: o.total,
        p50: "",
        p95: "",
        extra: summary(o, true),
      });
    }
  } else {
    rows.push({
      benchmark: "faq-ai: real model",
      engine: "-",
      n: 0,
      p50: "",
      p95: "",
      extra:
        "not measured: set OPENAI_API_KEY to measure semantic retrieval with a real multilingual embedding model, whether the model passes on the right entry, and its translations",
    });
  }
  return rows;
}
