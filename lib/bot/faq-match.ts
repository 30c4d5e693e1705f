import MiniSearch from "minisearch";
import { concepts } from "./synonyms";
import {
  boundText,
  DEFAULT_INPUT_CHARS,
  editDistance,
  isStopword,
  normalize,
  stem,
  terms,
  words,
} from "./text";

export type MatchableFaq = {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  /** Other wordings of the question. */
  examples?: readonly string[];
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

// What one customer message may cost is bounded whatever its length: the matcher reads at most
// `inputChars` characters, at most this many distinct terms of them (real questions have under
// ten), and compares terms by edit distance only up to this length (longer ones must be the same
// or share a prefix). Edit distance and MiniSearch's
// fuzzy search grow with the square of a term's length: a 30,000-letter "word" once took seconds
// and a gigabyte.
export const MAX_QUERY_TERMS = 24;
export const MAX_FUZZY_TERM = 24;
// Candidates are found with the question's rarest terms only: a word every FAQ uses ("model" in
// a shop of 5,000 models) costs a pass over every FAQ and tells them apart the least. All terms
// still score the candidates.
export const MAX_SEARCH_TERMS = 10;

/** Counts the matcher's work, for tests and benchmarks that prove it bounded. */
export type MatchWork = {
  chars: number;
  terms: number;
  searched: number;
  comparisons: number;
  editCells: number;
};

export type FaqIndexOptions = {
  tuning?: MatchTuning;
  /** How many characters of a question are read; the rest is ignored. */
  inputChars?: number;
  work?: MatchWork;
};

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

/** A question's first distinct topic terms, up to the cap, and the concepts it mentions. */
function queryTerms(text: string): string[] {
  const n = normalize(text);
  const tokens = n === "" ? [] : n.split(" ");
  const named = concepts(n, tokens);
  const found = new Set<string>();
  for (const token of tokens) {
    if (found.size >= MAX_QUERY_TERMS - named.length) break;
    if (!isStopword(token)) found.add(stem(token));
  }
  for (const c of named) found.add(c);
  return [...found];
}

// How alike two terms are: the same, one a prefix of the other ("deliver", "delivery"), or a typo
// away. Short words must match exactly, so "one" never meets "phone"; long ones are never
// compared by edit distance.
function similarity(a: string, b: string, work?: MatchWork): number {
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return 0.9;
  if (long.length > MAX_FUZZY_TERM || long.length - short.length > 2) return 0;
  if (work) work.editCells += a.length * b.length;
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
  options: FaqIndexOptions = {},
) {
  const { tuning = DEFAULT_TUNING, inputChars = DEFAULT_INPUT_CHARS, work } = options;
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
      fuzzy: (term) =>
        term.length > MAX_FUZZY_TERM ? 0 : term.length >= 4 ? 2 : term.length === 3 ? 1 : 0,
      prefix: (term) => term.length >= 4,
      combineWith: "OR",
    },
  });
  search.addAll(
    entries.map((e, id) => ({ id, q: e.questionTerms.join(" "), k: e.keywordTerms.join(" ") })),
  );

  // The query's rarest terms, in the order the customer wrote them; unknown words (typos
  // included) count as rarest, as the fuzzy search may find what they mean.
  function rarest(query: string[]): string[] {
    if (query.length <= MAX_SEARCH_TERMS) return query;
    const keep = new Set(
      [...query].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, MAX_SEARCH_TERMS),
    );
    return query.filter((t) => keep.has(t));
  }

  function score(entry: Entry<F>, query: string[]): number {
    let weight = 0;
    let covered = 0;
    const matched = new Set<string>();
    for (const q of query) {
      let best = 0;
      let bestTerm: string | null = null;
      for (const t of entry.all) {
        if (work) work.comparisons += 1;
        const s = similarity(q, t, work);
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
    const seen = boundText(question, inputChars);
    const query = queryTerms(seen);
    if (work) {
      work.chars += seen.length;
      work.terms += query.length;
    }
    if (query.length === 0) return [];
    const searched = rarest(query);
    if (work) work.searched += searched.length;
    const hits = search.search(searched.join(" ")).slice(0, CANDIDATES);
    return hits
      .map((hit) => {
        const entry = entries[hit.id as number] as Entry<F>;
        return { faq: entry.faq, score: score(entry, query) };
      })
      .sort((a, b) => b.score - a.score || b.faq.priority - a.faq.priority)
      .slice(0, limit);
  }

  function best(all: FaqMatch<F>[], threshold: number): FaqMatch<F> | null {
    const top = all[0];
    if (!top || top.score < threshold) return null;
    // Among near-equal matches the owner's priority decides.
    return all
      .filter((m) => m.score >= top.score - 0.02)
      .reduce((a, b) => (b.faq.priority > a.faq.priority ? b : a));
  }

  const closest = (all: FaqMatch<F>[], limit: number, minScore: number) =>
    all.slice(0, limit).filter((m) => m.score >= minScore);

  return {
    size: entries.length,
    /** The best FAQ for a customer's question, or null when none reaches the threshold. */
    match(question: string, threshold = DEFAULT_THRESHOLD): FaqMatch<F> | null {
      return best(ranked(question, CANDIDATES), threshold);
    },
    /** The most relevant entries, for grounding an AI answer. */
    related(question: string, limit = 3, minScore = 0.25): FaqMatch<F>[] {
      return closest(ranked(question, limit), limit, minScore);
    },
    /** `match` and, when nothing matched, `related`, from one search. */
    lookup(
      question: string,
      threshold = DEFAULT_THRESHOLD,
    ): { match: FaqMatch<F> | null; related: FaqMatch<F>[] } {
      const all = ranked(question, CANDIDATES);
      const match = best(all, threshold);
      return { match, related: match ? [] : closest(all, 3, 0.25) };
    },
  };
}

export type FaqIndex<F extends MatchableFaq = MatchableFaq> = ReturnType<typeof createFaqIndex<F>>;
