import { conceptualize } from "./synonyms";
import { createTermIndex } from "./term-index";
import { boundText, DEFAULT_INPUT_CHARS, editDistance, isStopword, plainWords, stem } from "./text";

export type MatchableFaq = {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  /** Other wordings of the question; each is matched like the question itself. */
  examples?: readonly string[];
  priority: number;
};

/** What made an entry a candidate: its words (lexical) or the owner's keywords (keyword). */
export type LexicalSignal = "lexical" | "keyword";

export type FaqMatch<F extends MatchableFaq = MatchableFaq> = {
  faq: F;
  score: number;
  signals?: LexicalSignal[];
};

/**
 * Below this confidence a question is not answered from the FAQ when no AI answers instead: the
 * customer gets the fallback and a person. Scores are the matcher's estimate that the entry
 * answers the question, fitted on the tuning half of `bench/faq/eval` (`npm run bench --
 * faq-fit`); this threshold is where precision stays at 0.97 or above there.
 */
export const DEFAULT_THRESHOLD = 0.89;

/**
 * With an AI provider, an entry goes out as written, with no model call, only from this
 * confidence (where the fit's precision is 0.99); below it the AI reads the FAQ and passes on the
 * entry that answers, or answers itself. A miss costs a model call there, not a person's time.
 */
export const AI_DIRECT_THRESHOLD = 0.95;

/** The confidence an FAQ entry needs to be sent by itself, with or without an AI to fall back on. */
export const answerThreshold = (aiActive: boolean) =>
  aiActive ? AI_DIRECT_THRESHOLD : DEFAULT_THRESHOLD;

type Entry<F> = {
  faq: F;
  /** Each wording of the question (the question, then the examples) as topic terms. */
  variants: string[][];
  keywordPhrases: string[][];
  /** Question, example and keyword terms. */
  strong: Set<string>;
  /** Terms of the answer the question side does not have. */
  answer: Set<string>;
};

const CANDIDATES = 12;

// What one customer message may cost is bounded whatever its length: the matcher reads at most
// `inputChars` characters, at most this many distinct terms of them (real questions have under
// ten), and compares terms by edit distance only up to this length (longer ones must be the same
// or share a prefix). Edit distance and fuzzy search grow with the square of a
// term's length: a 30,000-letter "word" once took seconds and a gigabyte.
export const MAX_QUERY_TERMS = 24;
export const MAX_FUZZY_TERM = 24;
// Candidates are found with the question's rarest terms only: a word every FAQ uses ("model" in
// a shop of 5,000 models) costs a pass over every FAQ and tells them apart the least. All terms
// still score the candidates.
export const MAX_SEARCH_TERMS = 10;
/** From this many entries on, terms shared by a quarter of them do not look for candidates. */
const COMMON_FROM = 200;
/** How many distinct terms of an answer are indexed: its start says what it is about. */
export const MAX_ANSWER_TERMS = 40;

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

/**
 * How the evidence for one entry is weighed into a confidence: a logistic model over the
 * features below. The defaults are fitted by `npm run bench -- faq-fit` on the tuning half of the
 * evaluation set only.
 */
export type MatchTuning = {
  /** Weight of a question word no entry uses, relative to the rarest known word. */
  unknownWeight: number;
  /** How much an answer's word counts next to the question's own words. */
  answerWeight: number;
  weights: FeatureWeights;
};

export type Features = {
  /** Share of the customer's words (weighted by rarity) the entry's question side covers. */
  coverage: number;
  /** The same with the entry's answer counted too. */
  answerCoverage: number;
  /** Share of the best-matching wording of the entry the customer's words cover. */
  entryCoverage: number;
  /** One of the owner's keywords is in the question. */
  keyword: number;
  /** Share of the customer's words known to other entries and not to this one. */
  elsewhere: number;
  /** Customer-service concepts the question and the entry share. */
  sharedConcepts: number;
  /** Concepts of the question this entry does not have, days and dates aside. */
  missedConcepts: number;
  /** Share of the customer's words no entry knows. */
  unknown: number;
  /** How far this entry is ahead of the next best (negative when behind). */
  margin: number;
};

export type FeatureWeights = { bias: number } & { [K in keyof Features]: number };

export const DEFAULT_TUNING: MatchTuning = {
  unknownWeight: 0.5,
  answerWeight: 0.3,
  weights: {
    bias: -2.95,
    coverage: 0.477,
    answerCoverage: 1.927,
    entryCoverage: 1.242,
    keyword: 2.082,
    elsewhere: -2.026,
    sharedConcepts: 0.073,
    missedConcepts: -0.05,
    unknown: -1.824,
    margin: 4.056,
  },
};

/**
 * Topic terms of a text: the concepts it names, then the stems of the words no concept covers,
 * stop words left out, at most `max` in all.
 */
function topicTerms(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const { concepts: named, rest } = conceptualize(plainWords(text));
  const found = new Set<string>(named.slice(0, max));
  for (const token of rest) {
    if (found.size >= max) break;
    if (!isStopword(token)) found.add(stem(token));
  }
  return [...found];
}

/** A question's topic terms, up to the cap that bounds a message's cost. */
const queryTerms = (text: string) => topicTerms(text, MAX_QUERY_TERMS);

/** How much a word of the sentences around the one that asks counts next to that sentence's. */
const CONTEXT_WEIGHT = 0.7;
/**
 * The same for a word of those sentences no entry knows: mostly the customer's story ("my
 * father has been taken to hospital"), which says little about what is asked.
 */
const STORY_WEIGHT = 0.25;

/**
 * A message's topic terms and which of them are context: a customer who writes a few sentences
 * usually asks in the last one that asks something, and the others tell what it is about ("I
 * bought a TV… Do you offer that?"), so they count, but less. The asking sentence's terms come
 * first, so the cap on terms never cuts the question off.
 */
function readMessage(text: string): { query: string[]; context: Set<string> } {
  const asked = questionSentence(text);
  if (asked === null) return { query: queryTerms(text), context: new Set() };
  const main = queryTerms(asked);
  const around = queryTerms(text).filter((t) => !main.includes(t));
  const query = [...main, ...around].slice(0, MAX_QUERY_TERMS);
  return { query, context: new Set(around.filter((t) => query.includes(t))) };
}

const isConcept = (t: string) => t.startsWith("~");

const sameTerms = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t) => b.includes(t));

// Concepts that say when rather than what ("on Sunday", "today"): a question about hours or
// delivery may name one its entry does not, and still be that entry's question.
const WHEN = new Set(
  ["today", "tomorrow", "weekend", "holiday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(
    (c) => (c.length === 3 ? `~day_${c}` : `~${c}`),
  ),
);

/** How much a day or "today" counts that the entry does not name: it says when more than what. */
const WHEN_WEIGHT = 0.5;

/**
 * The last sentence that asks something ("…?") of a message of several sentences, or null when
 * the message is one sentence or asks nothing.
 */
export function questionSentence(text: string): string | null {
  const sentences = text.match(/[^.!?\n]+[.!?\n]*/g) ?? [];
  if (sentences.length < 2) return null;
  for (let i = sentences.length - 1; i >= 0; i--) {
    const s = sentences[i] as string;
    if (s.includes("?")) return s.trim();
  }
  return null;
}

// How alike two terms are: the same, one a prefix of the other ("deliver", "delivery"), or a typo
// away. Short words must match exactly, so "one" never meets "phone"; long ones are never
// compared by edit distance.
function similarity(a: string, b: string, work?: MatchWork): number {
  if (a === b) return 1;
  if (isConcept(a) || isConcept(b)) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return 0.9;
  if (long.length > MAX_FUZZY_TERM || long.length - short.length > 2) return 0;
  if (work) work.editCells += a.length * b.length;
  if (short.length >= 3 && long.length >= 4 && editDistance(a, b, 1) <= 1) return 0.85;
  if (short.length >= 6 && editDistance(a, b, 2) <= 2) return 0.7;
  return 0;
}

/** The best similarity of `q` to any of `terms`, and the term it was found in. */
function closestIn(
  q: string,
  terms: Set<string>,
  work?: MatchWork,
): { sim: number; term: string | null } {
  if (terms.has(q)) {
    if (work) work.comparisons += 1;
    return { sim: 1, term: q };
  }
  let sim = 0;
  let term: string | null = null;
  for (const t of terms) {
    if (work) work.comparisons += 1;
    const s = similarity(q, t, work);
    if (s > sim) {
      sim = s;
      term = t;
    }
  }
  return { sim, term };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function confidence(f: Features, w: FeatureWeights): number {
  let z = w.bias;
  for (const k of Object.keys(f) as (keyof Features)[]) z += w[k] * f[k];
  return sigmoid(z);
}

/**
 * A workspace's FAQ, indexed for matching customer questions: robust to case, accents,
 * punctuation, chat spelling, filler, word order and small typos, across languages through
 * customer-service concepts, and scored from 0 to 1 so one threshold works for every workspace.
 * An inverted index finds candidates (`./term-index`: exact, typo and prefix terms); each is then weighed on how much of
 * the customer's question it explains, how much of the entry the question covers, and how clearly
 * it beats the next best.
 */
export function createFaqIndex<F extends MatchableFaq>(
  faqs: readonly F[],
  options: FaqIndexOptions = {},
) {
  const { tuning = DEFAULT_TUNING, inputChars = DEFAULT_INPUT_CHARS, work } = options;
  const entries: Entry<F>[] = faqs.map((faq) => {
    const variants = [faq.question, ...(faq.examples ?? [])]
      .map((q) => topicTerms(q))
      .filter((v) => v.length > 0);
    // A keyword counts when all of its terms are in the question.
    const keywordPhrases = faq.keywords.flatMap((k) => {
      const phrase = topicTerms(k);
      return phrase.length > 0 ? [phrase] : [];
    });
    const strong = new Set([...variants.flat(), ...keywordPhrases.flat()]);
    const answer = new Set(topicTerms(faq.answer, MAX_ANSWER_TERMS).filter((t) => !strong.has(t)));
    return { faq, variants, keywordPhrases, strong, answer };
  });

  // Inverse document frequency over every indexed term: rare terms decide matches.
  const df = new Map<string, number>();
  for (const e of entries) {
    for (const t of e.strong) df.set(t, (df.get(t) ?? 0) + 1);
    for (const t of e.answer) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = Math.max(entries.length, 1);
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 0.5));
  // A word no entry uses is mostly context ("I live in Pinheiros", "my husband"), but not
  // nothing: a question made only of such words is about something the FAQ does not cover.
  const unknownWeight = tuning.unknownWeight * Math.log(1 + n);

  const search = createTermIndex(
    entries.map((e) => ({ strong: e.strong, weak: e.answer })),
    { weakBoost: 0.3, exactOnly: isConcept },
  );

  // The query's rarest terms, in the order the customer wrote them; unknown words (typos
  // included) count as rarest, as the fuzzy search may find what they mean.
  function rarest(query: string[]): string[] {
    // In a large FAQ, a term a quarter of the entries share finds thousands of candidates and
    // tells none apart; the rarer terms find the entry, and every term still scores it.
    if (n >= COMMON_FROM) {
      const rare = query.filter((t) => (df.get(t) ?? 0) <= n / 4);
      if (rare.length > 0) query = rare;
    }
    if (query.length <= MAX_SEARCH_TERMS) return query;
    const keep = new Set(
      [...query].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, MAX_SEARCH_TERMS),
    );
    return query.filter((t) => keep.has(t));
  }

  type Scored = {
    entry: Entry<F>;
    features: Features;
    signals: LexicalSignal[];
    /** The question says exactly what one of the entry's wordings says. */
    exact: boolean;
  };

  function features(entry: Entry<F>, query: string[], context: ReadonlySet<string>): Scored {
    const asked = query.filter((t) => !context.has(t));
    let weight = 0;
    let strongCovered = 0;
    let anyCovered = 0;
    let elsewhere = 0;
    let sharedConcepts = 0;
    let missedConcepts = 0;
    let unknown = 0;
    const matched = new Set<string>();
    // A keyword counts when its terms are in the question as the owner wrote them, not a typo or
    // a prefix away: "repartís" is not the keyword "repartidor".
    const keyMatched = new Set<string>();
    for (const q of query) {
      const s = closestIn(q, entry.strong, work);
      const a = s.sim === 1 ? { sim: 0, term: null } : closestIn(q, entry.answer, work);
      const term = s.sim >= a.sim * tuning.answerWeight ? s.term : a.term;
      const known = df.has(q);
      // A customer-service topic no entry has is still a topic: it weighs as a rare word does.
      const w =
        (term
          ? idf(term)
          : WHEN.has(q)
            ? idf(q) * WHEN_WEIGHT
            : known || isConcept(q)
              ? idf(q)
              : unknownWeight) *
        (context.has(q) ? (term || known || isConcept(q) ? CONTEXT_WEIGHT : STORY_WEIGHT) : 1);
      weight += w;
      strongCovered += w * s.sim;
      anyCovered += w * Math.max(s.sim, a.sim * tuning.answerWeight);
      if (!term && known) elsewhere += w;
      if (s.term) matched.add(s.term);
      if (s.term && s.sim === 1) keyMatched.add(s.term);
      if (isConcept(q) && s.sim === 1) sharedConcepts += 1;
      if (isConcept(q) && !term && !WHEN.has(q)) missedConcepts += 1;
      if (!term && !known) unknown += w;
    }
    let entryCoverage = 0;
    for (const variant of entry.variants) {
      let vWeight = 0;
      let vCovered = 0;
      for (const t of variant) {
        vWeight += idf(t);
        if (matched.has(t)) vCovered += idf(t);
      }
      if (vWeight > 0) entryCoverage = Math.max(entryCoverage, vCovered / vWeight);
    }
    const keyword = entry.keywordPhrases.some((p) => p.every((t) => keyMatched.has(t)));
    const ratio = (x: number) => (weight === 0 ? 0 : x / weight);
    return {
      entry,
      features: {
        coverage: ratio(strongCovered),
        answerCoverage: ratio(anyCovered),
        entryCoverage,
        keyword: keyword ? 1 : 0,
        elsewhere: ratio(elsewhere),
        sharedConcepts,
        missedConcepts,
        unknown: ratio(unknown),
        margin: 0,
      },
      signals: keyword ? ["lexical", "keyword"] : ["lexical"],
      exact: entry.variants.some(
        (v) => sameTerms(v, query) || (v.length >= 2 && sameTerms(v, asked)),
      ),
    };
  }

  function rankQuery(query: string[], context: ReadonlySet<string>): FaqMatch<F>[] {
    if (query.length === 0) return [];
    const searched = rarest(query);
    if (work) {
      work.terms += query.length;
      work.searched += searched.length;
    }
    const hits = search.search(searched, CANDIDATES);
    const scored = hits.map((id) => {
      const s = features(entries[id] as Entry<F>, query, context);
      return { ...s, base: confidence(s.features, tuning.weights) };
    });
    // Each entry's lead over the best of the others.
    const bases = scored.map((s) => s.base);
    return scored.map((s, i) => {
      const others = bases.filter((_, j) => j !== i);
      const next = others.length === 0 ? 0 : Math.max(...others);
      const f = { ...s.features, margin: s.base - next };
      // The owner's own wording, asked as written, is the owner's answer: the whole message, or
      // its asking sentence when that names two things or more. "Do you deliver to Kilimani?"
      // after an order's details asks by itself; "Do you offer that?" leans on what came before.
      const score = s.exact ? 1 : confidence(f, tuning.weights);
      return { faq: s.entry.faq, score, signals: s.signals };
    });
  }

  function ranked(question: string, limit: number): FaqMatch<F>[] {
    const seen = boundText(question, inputChars);
    if (work) work.chars += seen.length;
    const { query, context } = readMessage(seen);
    const all = rankQuery(query, context);
    return all.sort((a, b) => b.score - a.score || b.faq.priority - a.faq.priority).slice(0, limit);
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
    /** The features of every candidate, for fitting the weights (`bench/faq/fit.ts`). */
    candidates(question: string): { faq: F; features: Features }[] {
      const { query, context } = readMessage(boundText(question, inputChars));
      if (query.length === 0) return [];
      const hits = search.search(rarest(query), CANDIDATES);
      const scored = hits.map((id) => features(entries[id] as Entry<F>, query, context));
      const bases = scored.map((s) => confidence(s.features, tuning.weights));
      return scored.map((s, i) => {
        const others = bases.filter((_, j) => j !== i);
        const next = others.length === 0 ? 0 : Math.max(...others);
        return { faq: s.entry.faq, features: { ...s.features, margin: (bases[i] ?? 0) - next } };
      });
    },
  };
}

export type FaqIndex<F extends MatchableFaq = MatchableFaq> = ReturnType<typeof createFaqIndex<F>>;
