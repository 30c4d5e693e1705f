import type { AnalyticsRange } from "@/db/queries/analytics/range";
import { unansweredQuestions } from "@/db/queries/analytics/unanswered-questions";
import { listActiveFaqs } from "@/db/queries/faqs";
import {
  cosine,
  EMBEDDING_BATCH,
  type EmbeddingSpace,
  embedTexts,
  isEmbeddingFailed,
} from "@/lib/ai/embeddings";
import type { ReplyDeps } from "@/lib/bot/deps";
import { getFaqIndex } from "@/lib/bot/faq-cache";
import { getFaqVectors, workspaceEmbeddingSpace } from "@/lib/bot/semantic";
import { log } from "@/lib/log";
import { FAQ_LIMITS } from "@/lib/validations/faq";
import { groupByVectors, groupLexically, type QuestionCluster } from "./group-questions";

/** How many unanswered questions (the latest asked in the range) are grouped, at most. */
export const GROUPING_WINDOW = 500;
/** Wordings of a group that travel to the page: as many as an FAQ entry holds. */
const MAX_WORDINGS = FAQ_LIMITS.examples;
/** Wordings of a group the matcher is asked about, for the entry that nearly matched. */
const PROBED_WORDINGS = 5;
/** Below this cosine similarity an entry is not shown as "nearly matched" by meaning. */
const NEAR_BY_MEANING = 0.5;

// A customer's message as an FAQ wording: on one line, and with "|" (the CSV separator of
// wordings) as "/", which the matcher and the "handled" check read the same way.
const asWording = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "/").trim();

const clip = (text: string) =>
  text.length > FAQ_LIMITS.exampleMax ? `${text.slice(0, FAQ_LIMITS.exampleMax)}…` : text;

export type UnansweredGroup = {
  /** The normalised text of the group's most asked wording. */
  key: string;
  count: number;
  lastAskedAt: Date;
  /** The most asked wording, as customers wrote it (clipped when long). */
  title: string;
  /** Distinct wordings, most asked first; a message too long to be a wording is left out. */
  wordings: string[];
  /** The FAQ entry that came closest to answering, with its score (0 to 1). */
  near: { id: string; question: string; score: number } | null;
};

export type UnansweredGroups = { by: "meaning" | "words"; groups: UnansweredGroup[] };

type GroupDeps = Pick<ReplyDeps, "db" | "keyring" | "ai">;

// Per bundle, plain data: a question's vector is asked for once per embedding space.
const vectorCache = new Map<string, Float32Array>();
const MAX_CACHED_VECTORS = 20_000;

async function questionVectors(
  space: EmbeddingSpace,
  questions: { normalized: string; example: string }[],
  timeoutMs: number | undefined,
): Promise<Map<string, Float32Array>> {
  const key = (q: { normalized: string }) => `${space.key}\u0000${q.normalized}`;
  const missing = questions.filter((q) => !vectorCache.has(key(q)));
  for (let i = 0; i < missing.length; i += EMBEDDING_BATCH) {
    const batch = missing.slice(i, i + EMBEDDING_BATCH);
    const vectors = await embedTexts(
      space,
      batch.map((q) => q.example),
      timeoutMs,
    );
    for (const [j, q] of batch.entries()) {
      vectorCache.set(key(q), Float32Array.from(vectors[j] as number[]));
    }
  }
  while (vectorCache.size > MAX_CACHED_VECTORS) {
    const oldest = vectorCache.keys().next().value;
    if (oldest === undefined) break;
    vectorCache.delete(oldest);
  }
  const out = new Map<string, Float32Array>();
  for (const q of questions) {
    const v = vectorCache.get(key(q));
    if (v) out.set(q.normalized, v);
  }
  return out;
}

/**
 * The unanswered questions of the range grouped by meaning: by their embeddings when the
 * workspace's FAQ is embedded, else by shared topic words. Only the latest `GROUPING_WINDOW`
 * distinct questions are read, so the cost is bounded however busy the range was. Each group
 * names the FAQ entry that nearly answered it, when one did.
 */
export async function readUnansweredGroups(
  deps: GroupDeps,
  p: AnalyticsRange & { limit: number },
): Promise<UnansweredGroups> {
  const questions = await unansweredQuestions(deps.db, {
    ...p,
    limit: GROUPING_WINDOW,
    order: "recent",
  });
  if (questions.length === 0) return { by: "words", groups: [] };

  const space = await workspaceEmbeddingSpace(deps, p.workspaceId);
  const faqVectors = space ? await getFaqVectors(deps.db, p.workspaceId, space.key) : null;
  let vectors: Map<string, Float32Array> | null = null;
  if (space && faqVectors && faqVectors.size > 0) {
    try {
      vectors = await questionVectors(space, questions, deps.ai.timeoutMs);
    } catch (error) {
      if (!isEmbeddingFailed(error)) throw error;
      log.warn(
        { workspaceId: p.workspaceId, space: space.key, reason: error.reason },
        "Embedding unanswered questions failed; they are grouped by their words",
      );
    }
  }
  const clusters = vectors ? groupByVectors(questions, vectors) : groupLexically(questions);

  const index = await getFaqIndex(deps.db, p.workspaceId);
  const byId = vectors
    ? new Map((await listActiveFaqs(deps.db, p.workspaceId)).map((f) => [f.id, f]))
    : null;

  const nearest = (c: QuestionCluster): UnansweredGroup["near"] => {
    let best: UnansweredGroup["near"] = null;
    for (const q of c.questions.slice(0, PROBED_WORDINGS)) {
      const [top] = index.related(q.example, 1);
      if (top && top.score > (best?.score ?? 0)) {
        best = { id: top.faq.id, question: top.faq.question, score: top.score };
      }
    }
    const seed = c.questions[0] && vectors?.get(c.questions[0].normalized);
    if (best || !seed || !faqVectors || !byId) return best;
    for (const [id, v] of faqVectors) {
      const faq = byId.get(id);
      const score = cosine(seed, v);
      if (faq && score >= NEAR_BY_MEANING && score > (best?.score ?? 0)) {
        best = { id, question: faq.question, score };
      }
    }
    return best;
  };

  return {
    by: vectors ? "meaning" : "words",
    groups: clusters.slice(0, p.limit).map((c) => ({
      key: c.questions[0]?.normalized ?? "",
      count: c.count,
      lastAskedAt: new Date(Math.max(...c.questions.map((q) => q.lastAskedAt.getTime()))),
      title: clip(c.questions[0]?.example ?? ""),
      wordings: c.questions
        .map((q) => asWording(q.example))
        .filter((w) => w.length <= FAQ_LIMITS.exampleMax)
        .slice(0, MAX_WORDINGS),
      near: nearest(c),
    })),
  };
}
