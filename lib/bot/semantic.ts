import type { Db } from "@/db/client";
import { getBotSettings } from "@/db/queries/bot-settings";
import {
  faqEmbeddingsVersion,
  listFaqEmbeddingHashes,
  listFaqEmbeddings,
  saveFaqEmbeddings,
} from "@/db/queries/faq-embeddings";
import { listActiveFaqs } from "@/db/queries/faqs";
import {
  contentHash,
  cosine,
  EMBEDDING_BATCH,
  type EmbeddingSpace,
  embeddingSpace,
  embedTexts,
  faqEmbeddingText,
  isEmbeddingFailed,
} from "@/lib/ai/embeddings";
import { log } from "@/lib/log";
import { type ReplyDeps, replyAiConfig } from "./deps";
import { workspaceProviders } from "./workspace-providers";

type SemanticDeps = Pick<ReplyDeps, "db" | "keyring" | "ai">;

/** The workspace's embedding space, or null when semantic retrieval is off for it. */
export async function workspaceEmbeddingSpace(
  deps: SemanticDeps,
  workspaceId: string,
): Promise<EmbeddingSpace | null> {
  const settings = await getBotSettings(deps.db, workspaceId);
  if (!settings.aiEnabled) return null;
  return embeddingSpace(workspaceProviders(deps, settings), deps.ai.embeddingModel);
}

/**
 * Whether the workspace's FAQ is embedded at all: AI on, an embedding model, and a provider (the
 * deployment's or its own). Read from the database it is given, so a save can tell cheaply.
 */
export async function wantsEmbeddings(db: Db, workspaceId: string): Promise<boolean> {
  const ai = replyAiConfig();
  if (ai.embeddingModel === null) return false;
  const settings = await getBotSettings(db, workspaceId);
  if (!settings.aiEnabled) return false;
  return Boolean(ai.primary || ai.fallbacks.length > 0 || settings.aiApiKeyEncrypted);
}

export type SyncOutcome = { space: string | null; embedded: number; unchanged: number };

/**
 * Embeds the workspace's active FAQ entries whose text is new or changed since they were last
 * embedded (by content hash), in batches. Idempotent: a second run embeds nothing.
 * Throws `EmbeddingFailed` when the provider fails, so the job retries.
 */
export async function syncFaqEmbeddings(
  deps: SemanticDeps,
  workspaceId: string,
): Promise<SyncOutcome> {
  const space = await workspaceEmbeddingSpace(deps, workspaceId);
  if (!space) return { space: null, embedded: 0, unchanged: 0 };
  const [faqs, stored] = await Promise.all([
    listActiveFaqs(deps.db, workspaceId),
    listFaqEmbeddingHashes(deps.db, { workspaceId, model: space.key }),
  ]);
  const known = new Map(stored.map((s) => [s.faqId, s.contentHash]));
  const todo = faqs
    .map((f) => {
      const text = faqEmbeddingText(f);
      return { faqId: f.id, text, contentHash: contentHash(text) };
    })
    .filter((f) => known.get(f.faqId) !== f.contentHash);
  for (let i = 0; i < todo.length; i += EMBEDDING_BATCH) {
    const batch = todo.slice(i, i + EMBEDDING_BATCH);
    const vectors = await embedTexts(
      space,
      batch.map((b) => b.text),
      deps.ai.timeoutMs,
    );
    await saveFaqEmbeddings(deps.db, {
      workspaceId,
      model: space.key,
      rows: batch.map((b, j) => ({
        faqId: b.faqId,
        contentHash: b.contentHash,
        vector: vectors[j] as number[],
      })),
    });
  }
  return { space: space.key, embedded: todo.length, unchanged: faqs.length - todo.length };
}

type Vectors = Map<string, Float32Array>;
type Cached = { version: string; vectors: Vectors };

// Per bundle: plain data only. Vectors are read again only when the workspace's change.
const cache = new Map<string, Cached>();
const MAX_CACHED = 200;

/** The workspace's stored vectors in one space, by FAQ id, read again only after a change. */
export async function getFaqVectors(db: Db, workspaceId: string, space: string): Promise<Vectors> {
  const key = `${workspaceId}\u0000${space}`;
  const version = await faqEmbeddingsVersion(db, { workspaceId, model: space });
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.vectors;
  const rows = await listFaqEmbeddings(db, { workspaceId, model: space });
  const vectors: Vectors = new Map(rows.map((r) => [r.faqId, Float32Array.from(r.vector)]));
  cache.delete(key);
  cache.set(key, { version, vectors });
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return vectors;
}

export type Candidate<F> = { faq: F; lexical: number; semantic: number | null; score: number };

/**
 * Hybrid ranking: each entry scores the larger of its lexical score and its cosine similarity
 * to the question, so a question in another language (no shared words) still finds its entry,
 * and a lexical hit is never pushed down by a weak vector.
 */
export function hybridRank<F extends { id: string }>(
  faqs: readonly F[],
  lexical: ReadonlyMap<string, number>,
  semantic: ReadonlyMap<string, number> | null,
): Candidate<F>[] {
  return faqs
    .map((faq) => {
      const l = lexical.get(faq.id) ?? 0;
      const s = semantic?.get(faq.id) ?? null;
      return { faq, lexical: l, semantic: s, score: Math.max(l, s ?? 0) };
    })
    .sort((a, b) => b.score - a.score);
}

/** Up to this many active entries the model is shown the whole FAQ, and nothing is embedded. */
export const WHOLE_FAQ_MAX = 40;
/** With a larger FAQ, the model is shown this many entries, the closest by the hybrid score. */
export const CONTEXT_ENTRIES = 8;

export type RetrievalSignal = "whole_faq" | "hybrid" | "lexical" | "lexical_after_failure";

/**
 * The FAQ entries the model is shown for a question no entry matched outright: the whole FAQ
 * when it is small, else the entries closest by lexical score and, with embeddings, by meaning.
 * At most one embedding call (the question); when it fails, lexical only, and the log says so.
 */
export async function entriesForModel<F extends { id: string }>(
  deps: SemanticDeps,
  input: {
    workspaceId: string;
    faqs: readonly F[];
    lexical: ReadonlyMap<string, number>;
    question: string;
    space: EmbeddingSpace | null;
    wholeFaqMax?: number;
  },
): Promise<{ entries: F[]; signal: RetrievalSignal; unembedded: number }> {
  if (input.faqs.length <= (input.wholeFaqMax ?? WHOLE_FAQ_MAX)) {
    return { entries: [...input.faqs], signal: "whole_faq", unembedded: 0 };
  }
  let semantic: Map<string, number> | null = null;
  let signal: RetrievalSignal = "lexical";
  let unembedded = 0;
  if (input.space) {
    const vectors = await getFaqVectors(deps.db, input.workspaceId, input.space.key);
    unembedded = input.faqs.filter((f) => !vectors.has(f.id)).length;
    if (vectors.size > 0) {
      try {
        const [q] = await embedTexts(input.space, [input.question], deps.ai.timeoutMs);
        semantic = new Map([...vectors].map(([id, v]) => [id, cosine(q as number[], v)]));
        signal = "hybrid";
      } catch (error) {
        if (!isEmbeddingFailed(error)) throw error;
        log.warn(
          { workspaceId: input.workspaceId, space: input.space.key, reason: error.reason },
          "Embedding the question failed; FAQ retrieval is lexical only",
        );
        signal = "lexical_after_failure";
      }
    }
  }
  const ranked = hybridRank(input.faqs, input.lexical, semantic)
    .filter((c) => c.score > 0)
    .slice(0, CONTEXT_ENTRIES);
  return { entries: ranked.map((c) => c.faq), signal, unembedded };
}
