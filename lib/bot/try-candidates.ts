import { listActiveFaqs } from "@/db/queries/faqs";
import { cosine, embedTexts, isEmbeddingFailed } from "@/lib/ai/embeddings";
import { log } from "@/lib/log";
import type { ComposeDeps } from "./compose-reply";
import { getFaqIndex } from "./faq-cache";
import { getFaqVectors, workspaceEmbeddingSpace } from "./semantic";
import { boundText, DEFAULT_INPUT_CHARS, findPhrase } from "./text";

export type MatchSignal = "lexical" | "semantic" | "keyword";

/** One FAQ entry the question came close to, its score (0 to 1) and what brought it close. */
export type TryCandidate = { id: string; question: string; score: number; signals: MatchSignal[] };

/** How many candidates "Try it" lists. */
export const TRY_CANDIDATES = 5;
// Lower scores say nothing about the entry: every text shares a word or two with some entry.
const MIN_LEXICAL = 0.1;
const MIN_SEMANTIC = 0.5;

const round = (score: number) => Math.round(score * 1000) / 1000;

/**
 * The FAQ entries closest to a question, best first, each with the signals that found it: the
 * matcher's score on the words (lexical), the similarity of meaning when the FAQ is embedded
 * (semantic, one embedding of the question), and a keyword of the entry found in the question.
 * An entry scores the larger of its lexical and semantic scores, as the bot ranks them.
 */
export async function tryCandidates(
  deps: ComposeDeps,
  workspaceId: string,
  question: string,
): Promise<TryCandidate[]> {
  const inputChars = deps.inputChars ?? DEFAULT_INPUT_CHARS;
  const seen = boundText(question, inputChars);
  const index = await getFaqIndex(deps.db, workspaceId, inputChars);
  const lexical = new Map(
    index.related(seen, TRY_CANDIDATES * 2, MIN_LEXICAL).map((m) => [m.faq.id, m.score]),
  );
  const semantic = await semanticScores(deps, workspaceId, seen);
  const faqs = await listActiveFaqs(deps.db, workspaceId);
  return faqs
    .map((faq): TryCandidate => {
      const l = lexical.get(faq.id) ?? 0;
      const s = semantic?.get(faq.id) ?? 0;
      const signals: MatchSignal[] = [];
      if (l > 0) signals.push("lexical");
      if (s >= MIN_SEMANTIC) signals.push("semantic");
      if (findPhrase(seen, faq.keywords)) signals.push("keyword");
      return {
        id: faq.id,
        question: faq.question,
        score: round(Math.max(l, s >= MIN_SEMANTIC ? s : 0)),
        signals,
      };
    })
    .filter((c) => c.signals.length > 0)
    .sort((a, b) => b.score - a.score || a.question.localeCompare(b.question))
    .slice(0, TRY_CANDIDATES);
}

async function semanticScores(
  deps: ComposeDeps,
  workspaceId: string,
  question: string,
): Promise<Map<string, number> | null> {
  const space = await workspaceEmbeddingSpace(deps, workspaceId);
  if (!space) return null;
  const vectors = await getFaqVectors(deps.db, workspaceId, space.key);
  if (vectors.size === 0) return null;
  try {
    const [q] = await embedTexts(space, [question], deps.ai.timeoutMs);
    return new Map([...vectors].map(([id, v]) => [id, cosine(q as number[], v)]));
  } catch (error) {
    if (!isEmbeddingFailed(error)) throw error;
    log.warn({ workspaceId, reason: error.reason }, "Try it could not embed the question");
    return null;
  }
}
