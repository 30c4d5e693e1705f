import type { UnansweredQuestion } from "@/db/queries/analytics/unanswered-questions";
import { cosine } from "@/lib/ai/embeddings";
import { concepts } from "@/lib/bot/synonyms";
import { terms, words } from "@/lib/bot/text";

/** Questions asked with the same meaning; the most asked wording first. */
export type QuestionCluster = { questions: UnansweredQuestion[]; count: number };

/** Share of topic terms two questions must have in common (of all terms either has). */
export const LEXICAL_SIMILARITY = 0.5;
/** Cosine similarity above which two question vectors are read as the same question. */
export const SEMANTIC_SIMILARITY = 0.8;

/** The words that carry a question's topic, plus the customer-service concepts it mentions. */
export function topicTerms(text: string): Set<string> {
  return new Set([...terms(text), ...concepts(words(text))]);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}

const byCount = (a: UnansweredQuestion, b: UnansweredQuestion) =>
  b.count - a.count || b.lastAskedAt.getTime() - a.lastAskedAt.getTime();

/**
 * Greedy clustering: questions are taken most asked first, and each joins the first cluster
 * whose first (most asked) question is similar enough, or starts a cluster of its own. The cost is
 * at most one comparison per question and cluster, which the caller bounds by the number of
 * questions it reads.
 */
function cluster<T>(
  questions: readonly UnansweredQuestion[],
  feature: (q: UnansweredQuestion) => T | null,
  similar: (a: T, b: T) => boolean,
): QuestionCluster[] {
  const clusters: { seed: T | null; questions: UnansweredQuestion[] }[] = [];
  for (const q of [...questions].sort(byCount)) {
    const f = feature(q);
    const home =
      f === null ? undefined : clusters.find((c) => c.seed !== null && similar(c.seed, f));
    if (home) home.questions.push(q);
    else clusters.push({ seed: f, questions: [q] });
  }
  return clusters
    .map((c) => ({ questions: c.questions, count: c.questions.reduce((n, q) => n + q.count, 0) }))
    .sort((a, b) => b.count - a.count);
}

/** Groups questions that share most of their topic terms ("open on sunday?", "sunday opening"). */
export function groupLexically(
  questions: readonly UnansweredQuestion[],
  threshold = LEXICAL_SIMILARITY,
): QuestionCluster[] {
  const topics = new Map(questions.map((q) => [q, topicTerms(q.example)]));
  return cluster(
    questions,
    (q) => {
      const t = topics.get(q);
      return t && t.size > 0 ? t : null;
    },
    (a, b) => jaccard(a, b) >= threshold,
  );
}

/** Groups questions whose vectors point the same way, whatever their language or words. */
export function groupByVectors(
  questions: readonly UnansweredQuestion[],
  vectors: ReadonlyMap<string, ArrayLike<number>>,
  threshold = SEMANTIC_SIMILARITY,
): QuestionCluster[] {
  return cluster(
    questions,
    (q) => vectors.get(q.normalized) ?? null,
    (a, b) => cosine(a, b) >= threshold,
  );
}
