import type { Db } from "@/db";
import {
  type FoundPassage,
  getPassages,
  listPassageEmbeddings,
  passageEmbeddingsVersion,
  searchKnowledgePassages,
} from "@/db/queries/knowledge";
import { cosine, type EmbeddingSpace, embedTexts, isEmbeddingFailed } from "@/lib/ai/embeddings";
import { isStopword, plainWords, stem } from "@/lib/bot/text";
import { log } from "@/lib/log";

/** Passages read from the index for one question, before the closest few are kept. */
export const KNOWLEDGE_CANDIDATES = 24;
/** At most this many passages, and this many characters of them, go into the model's prompt. */
export const KNOWLEDGE_IN_PROMPT = 4;
export const KNOWLEDGE_PROMPT_CHARS = 4_000;
/** Passages holding only some of a question's words: at most this many are ranked. */
export const MAX_RANKED = 1_000;
/** The most query terms searched: a long message is searched by its first content words. */
export const MAX_KNOWLEDGE_TERMS = 6;
/** Semantic search reads a workspace's vectors into memory only up to this many passages. */
export const MAX_VECTOR_PASSAGES = 5_000;
/** Below this cosine similarity a passage is not close enough in meaning to be shown. */
export const MIN_SIMILARITY = 0.35;

export type RetrievedPassage = Omit<FoundPassage, "rank" | "searchText"> & { score: number };

/** The content words of a question, normalised and stemmed as passages are indexed. */
export function questionTerms(question: string): string[] {
  const seen = new Set<string>();
  for (const word of plainWords(question)) {
    if (isStopword(word) || word.length < 2) continue;
    seen.add(stem(word));
    if (seen.size >= MAX_KNOWLEDGE_TERMS) break;
  }
  return [...seen];
}

/** The share of the question's terms a passage contains (a term also matches a longer word). */
export function coverage(terms: readonly string[], searchText: string): number {
  if (terms.length === 0) return 0;
  const words = searchText.split(" ");
  const has = (t: string) => words.some((w) => w === t || (t.length >= 4 && w.startsWith(t)));
  return terms.filter(has).length / terms.length;
}

type Vectors = { version: string; vectors: Map<string, Float32Array> };
const vectorCache = new Map<string, Vectors>();
const MAX_CACHED_WORKSPACES = 50;

async function passageVectors(db: Db, workspaceId: string, model: string) {
  const key = `${workspaceId}\u0000${model}`;
  const { count, version } = await passageEmbeddingsVersion(db, { workspaceId, model });
  if (count === 0 || count > MAX_VECTOR_PASSAGES) return null;
  const hit = vectorCache.get(key);
  if (hit?.version === version) return hit.vectors;
  const rows = await listPassageEmbeddings(db, { workspaceId, model });
  const vectors = new Map(rows.map((r) => [r.id, Float32Array.from(r.vector)]));
  vectorCache.delete(key);
  vectorCache.set(key, { version, vectors });
  if (vectorCache.size > MAX_CACHED_WORKSPACES) {
    const oldest = vectorCache.keys().next().value;
    if (oldest !== undefined) vectorCache.delete(oldest);
  }
  return vectors;
}

/**
 * The workspace's passages most relevant to a question, best first, bounded in number and size
 * for the prompt. Lexically: passages holding all of a short question's content words and at
 * least half of a longer one's (filler words never count), ranked by that share and then by PostgreSQL's rank. With an
 * embedding space and embedded passages, passages close in meaning are added (a question in
 * another language than the document still finds it); when embedding the question fails, the
 * search stays lexical and the log says so.
 */
export async function passagesForQuestion(
  deps: { db: Db; timeoutMs?: number },
  input: { workspaceId: string; question: string; space?: EmbeddingSpace | null },
): Promise<RetrievedPassage[]> {
  const terms = questionTerms(input.question);
  // One or two content words must all be there ("sell pizza" is not about a page that sells
  // bicycles); of a longer question, half.
  const needed = terms.length <= 2 ? 1 : 0.5;
  const atLeast = Math.ceil(terms.length * needed);
  const search = (required: number, cap?: number) =>
    searchKnowledgePassages(deps.db, {
      workspaceId: input.workspaceId,
      terms,
      atLeast: required,
      limit: KNOWLEDGE_CANDIDATES,
      ...(cap && { cap }),
    });
  // Passages holding every word rank first whatever else matches: when there are enough of
  // them, passages holding only some need not be read. Either search ranks a bounded number of
  // passages, so common words cannot make one question read thousands of them.
  let found = atLeast < terms.length ? await search(terms.length, MAX_RANKED) : [];
  if (found.length < KNOWLEDGE_IN_PROMPT) found = await search(atLeast, MAX_RANKED);
  const topRank = Math.max(...found.map((f) => f.rank), 0) || 1;
  const scored = new Map<string, RetrievedPassage>();
  for (const { rank, searchText, ...passage } of found) {
    const share = coverage(terms, searchText);
    if (share < needed) continue;
    scored.set(passage.id, { ...passage, score: share * 0.8 + (rank / topRank) * 0.2 });
  }
  if (input.space) {
    const vectors = await passageVectors(deps.db, input.workspaceId, input.space.key);
    if (vectors) {
      try {
        const [q] = await embedTexts(input.space, [input.question], deps.timeoutMs);
        const close = [...vectors]
          .map(([id, v]) => ({ id, similarity: cosine(q as number[], v) }))
          .filter((c) => c.similarity >= MIN_SIMILARITY)
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, KNOWLEDGE_IN_PROMPT);
        const missing = close.filter((c) => !scored.has(c.id)).map((c) => c.id);
        const extra = await getPassages(deps.db, { workspaceId: input.workspaceId, ids: missing });
        for (const c of close) {
          const known = scored.get(c.id);
          if (known) known.score = Math.max(known.score, c.similarity);
          const row = extra.find((e) => e.id === c.id);
          if (row) {
            const { searchText: _s, ...passage } = row;
            scored.set(c.id, { ...passage, score: c.similarity });
          }
        }
      } catch (error) {
        if (!isEmbeddingFailed(error)) throw error;
        log.warn(
          { workspaceId: input.workspaceId, reason: error.reason },
          "Embedding the question failed; knowledge retrieval is lexical only",
        );
      }
    }
  }
  const ranked = [...scored.values()].sort((a, b) => b.score - a.score);
  const kept: RetrievedPassage[] = [];
  let chars = 0;
  for (const passage of ranked) {
    if (kept.length >= KNOWLEDGE_IN_PROMPT) break;
    if (kept.length > 0 && chars + passage.text.length > KNOWLEDGE_PROMPT_CHARS) continue;
    kept.push(passage);
    chars += passage.text.length;
  }
  return kept;
}
