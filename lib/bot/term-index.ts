// An inverted index from terms to the entries that use them, for finding an FAQ's candidate
// entries: exact terms, terms one typo away and terms one is a prefix of, each weighed by how rare
// it is. Postings are typed arrays and typo variants come from a table of one-letter deletions, so
// a lookup against 10,000 entries is a few array scans, whatever the words.

/** Terms shorter than this are found only exactly. */
const FUZZY_MIN = 4;
/** Terms longer than this are found only exactly or by prefix. */
const FUZZY_MAX = 24;
/** A term and another it is a prefix of meet when the shorter has this many letters. */
const PREFIX_MIN = 4;

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

export type TermDocument = {
  /** Terms that count fully (question, wordings, keywords). */
  strong: Iterable<string>;
  /** Terms that count a little (the answer). */
  weak: Iterable<string>;
};

export type TermIndexOptions = {
  /** How much a weak term counts next to a strong one. */
  weakBoost: number;
  /** Terms that are ids, never typos or prefixes of anything ("~hours"). */
  exactOnly: (term: string) => boolean;
};

export function createTermIndex(docs: readonly TermDocument[], options: TermIndexOptions) {
  const building = new Map<string, { ids: number[]; weights: number[] }>();
  docs.forEach((doc, id) => {
    const seen = new Map<string, number>();
    for (const t of doc.weak) seen.set(t, options.weakBoost);
    for (const t of doc.strong) seen.set(t, 1);
    for (const [t, w] of seen) {
      let p = building.get(t);
      if (!p) {
        p = { ids: [], weights: [] };
        building.set(t, p);
      }
      p.ids.push(id);
      p.weights.push(w);
    }
  });
  const postings = new Map<string, { ids: Int32Array; weights: Float32Array }>();
  for (const [t, p] of building) {
    postings.set(t, { ids: Int32Array.from(p.ids), weights: Float32Array.from(p.weights) });
  }
  const n = Math.max(docs.length, 1);
  const idf = (t: string) => Math.log(1 + n / (postings.get(t)?.ids.length ?? 0.5));

  // Vocabulary by each one-letter deletion, for terms one typo apart; sorted, for prefixes.
  const byDeletion = new Map<string, string[]>();
  const vocabulary: string[] = [];
  for (const t of postings.keys()) {
    if (options.exactOnly(t)) continue;
    vocabulary.push(t);
    if (t.length < FUZZY_MIN - 1 || t.length > FUZZY_MAX) continue;
    for (const form of [t, ...deletions(t)]) {
      const list = byDeletion.get(form);
      if (list) list.push(t);
      else byDeletion.set(form, [t]);
    }
  }
  vocabulary.sort();

  function lowerBound(prefix: string): number {
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocabulary[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Indexed terms a query term may mean, with how close each is (1 for the term itself). */
  function expand(q: string, maxVariants: number): Map<string, number> {
    const found = new Map<string, number>();
    if (postings.has(q)) found.set(q, 1);
    if (options.exactOnly(q)) return found;
    const add = (t: string, sim: number) => {
      if (found.size < maxVariants && (found.get(t) ?? 0) < sim) found.set(t, sim);
    };
    if (q.length >= FUZZY_MIN && q.length <= FUZZY_MAX) {
      for (const form of [q, ...deletions(q)]) {
        for (const t of byDeletion.get(form) ?? []) if (t !== q) add(t, 0.8);
      }
    }
    if (q.length >= PREFIX_MIN) {
      // Indexed terms the query term begins ("deliver" for "deliveries")…
      for (let len = PREFIX_MIN; len < q.length; len++) {
        const head = q.slice(0, len);
        if (postings.has(head)) add(head, 0.9);
      }
      // …and those that begin with it ("delivery" for "deliv").
      for (let i = lowerBound(q); i < vocabulary.length; i++) {
        const t = vocabulary[i] as string;
        if (!t.startsWith(q) || found.size >= maxVariants) break;
        if (t !== q) add(t, 0.9);
      }
    }
    return found;
  }

  return {
    idf,
    has: (t: string) => postings.has(t),
    /** How many entries use a term. */
    count: (t: string) => postings.get(t)?.ids.length ?? 0,
    /** The `limit` entries the query's terms point to most, best first. */
    search(query: readonly string[], limit: number): number[] {
      const scores = new Map<number, number>();
      for (const q of query) {
        for (const [t, sim] of expand(q, 16)) {
          const p = postings.get(t);
          if (!p) continue;
          const w = idf(t) * sim;
          for (let i = 0; i < p.ids.length; i++) {
            const id = p.ids[i] as number;
            scores.set(id, (scores.get(id) ?? 0) + w * (p.weights[i] as number));
          }
        }
      }
      return [...scores]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([id]) => id);
    },
  };
}
