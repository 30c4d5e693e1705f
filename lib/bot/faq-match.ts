import MiniSearch from "minisearch";
import { concepts } from "./synonyms";
import { editDistance, normalize, stem, terms, words } from "./text";

export type MatchableFaq = {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  priority: number;
};

export type FaqMatch<F extends MatchableFaq = MatchableFaq> = { faq: F; score: number };

/** Below this score a question is not answered from the FAQ (measured by `npm run bench -- faq`). */
export const DEFAULT_THRESHOLD = 0.65;

type Entry<F> = {
  faq: F;
  questionTerms: string[];
  keywordTerms: string[];
  // Keywords as term lists: a keyword phrase counts when all of its terms are in the question.
  keywordPhrases: string[][];
  all: Set<string>;
};

const CANDIDATES = 12;

/** How a score is put together; the defaults are what `bench/faq` measured best. */
export type MatchTuning = {
  /** Weight of a question word no FAQ uses, relative to the rarest known word. */
  unknownWeight: number;
  /** Share of the score that comes from how much of the FAQ the question covers. */
  faqShare: number;
};

export const DEFAULT_TUNING: MatchTuning = { unknownWeight: 1.5, faqShare: 0.3 };

/** Topic terms of a text plus the customer-service concepts it mentions. */
function topicTerms(text: string): string[] {
  return [...new Set([...terms(text), ...concepts(normalize(text), words(text))])];
}

// How alike two terms are: the same, one a prefix of the other ("deliver", "delivery"), or a typo
// away. Short words must match exactly, so "one" never meets "phone".
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return 0.9;
  if (short.length >= 3 && long.length >= 4 && editDistance(a, b, 1) <= 1) return 0.85;
  if (short.length >= 6 && editDistance(a, b, 2) <= 2) return 0.7;
  return 0;
}

/**
 * A workspace's FAQ, indexed for matching customer questions: robust to case, accents,
 * punctuation, word order and small typos, and scored from 0 to 1 so one threshold works for
 * every workspace. MiniSearch finds candidates (inverted index, fuzzy terms); each is then scored by
 * how much of the customer's question it covers, weighted by how telling each term is.
 */
export function createFaqIndex<F extends MatchableFaq>(
  faqs: readonly F[],
  tuning: MatchTuning = DEFAULT_TUNING,
) {
  const entries: Entry<F>[] = faqs.map((faq) => {
    const questionTerms = topicTerms(faq.question);
    // Each keyword counts as a phrase, and each concept it names as one more.
    const keywordPhrases = faq.keywords.flatMap((k) => {
      const phrase = words(k).map(stem);
      const named = concepts(normalize(k), words(k)).map((c) => [c]);
      return phrase.length > 0 ? [phrase, ...named] : named;
    });
    const keywordTerms = [...new Set(keywordPhrases.flat())];
    return {
      faq,
      questionTerms,
      keywordTerms,
      keywordPhrases,
      all: new Set([...questionTerms, ...keywordTerms]),
    };
  });

  // Inverse document frequency over question and keyword terms: rare terms decide matches.
  const df = new Map<string, number>();
  for (const e of entries) for (const t of e.all) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(entries.length, 1);
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 0.5));
  // A question term no FAQ knows weighs about as much as the rarest known one, so "do you deliver
  // pizza" is not the delivery FAQ.
  const unknownWeight = tuning.unknownWeight * Math.log(1 + n);

  const search = new MiniSearch<{ id: number; q: string; k: string }>({
    fields: ["q", "k"],
    tokenize: (text) => text.split(" "),
    processTerm: (term) => term || null,
    searchOptions: {
      boost: { q: 1, k: 1.5 },
      fuzzy: (term) => (term.length >= 4 ? 2 : term.length === 3 ? 1 : 0),
      prefix: (term) => term.length >= 4,
      combineWith: "OR",
    },
  });
  search.addAll(
    entries.map((e, id) => ({ id, q: e.questionTerms.join(" "), k: e.keywordTerms.join(" ") })),
  );

  function score(entry: Entry<F>, query: string[]): number {
    let weight = 0;
    let covered = 0;
    const matched = new Set<string>();
    for (const q of query) {
      let best = 0;
      let bestTerm: string | null = null;
      for (const t of entry.all) {
        const s = similarity(q, t);
        if (s > best) {
          best = s;
          bestTerm = t;
        }
      }
      const w = bestTerm ? idf(bestTerm) : df.has(q) ? idf(q) : unknownWeight;
      weight += w;
      covered += w * best;
      if (bestTerm) matched.add(bestTerm);
    }
    const queryCoverage = weight === 0 ? 0 : covered / weight;

    let qWeight = 0;
    let qCovered = 0;
    for (const t of entry.questionTerms) {
      qWeight += idf(t);
      if (matched.has(t)) qCovered += idf(t);
    }
    const questionCoverage = qWeight === 0 ? 0 : qCovered / qWeight;
    const keywordHit = entry.keywordPhrases.some((p) => p.every((t) => matched.has(t)));
    const faqSide = Math.max(questionCoverage, keywordHit ? 0.9 : 0);
    return (1 - tuning.faqShare) * queryCoverage + tuning.faqShare * faqSide;
  }

  function ranked(question: string, limit: number): FaqMatch<F>[] {
    const query = topicTerms(question);
    if (query.length === 0) return [];
    const hits = search.search(query.join(" ")).slice(0, CANDIDATES);
    return hits
      .map((hit) => {
        const entry = entries[hit.id as number] as Entry<F>;
        return { faq: entry.faq, score: score(entry, query) };
      })
      .sort((a, b) => b.score - a.score || b.faq.priority - a.faq.priority)
      .slice(0, limit);
  }

  return {
    size: entries.length,
    /** The best FAQ for a customer's question, or null when none reaches the threshold. */
    match(question: string, threshold = DEFAULT_THRESHOLD): FaqMatch<F> | null {
      const all = ranked(question, CANDIDATES);
      const top = all[0];
      if (!top || top.score < threshold) return null;
      // Among near-equal matches the owner's priority decides.
      return all
        .filter((m) => m.score >= top.score - 0.02)
        .reduce((a, b) => (b.faq.priority > a.faq.priority ? b : a));
    },
    /** The most relevant entries, for grounding an AI answer. */
    related(question: string, limit = 3, minScore = 0.25): FaqMatch<F>[] {
      return ranked(question, limit).filter((m) => m.score >= minScore);
    },
  };
}

export type FaqIndex<F extends MatchableFaq = MatchableFaq> = ReturnType<typeof createFaqIndex<F>>;
