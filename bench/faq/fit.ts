import {
  createFaqIndex,
  DEFAULT_TUNING,
  type Features,
  type FeatureWeights,
  type MatchTuning,
} from "@/lib/bot/faq-match";
import type { Row } from "../stats";
import { EVAL_BUSINESSES, type EvalBusiness } from "./eval";
import { evalFaqs } from "./eval/score";

// Fits the matcher's confidence model on the tuning half of the evaluation set only: a logistic
// regression over each candidate's features (is this entry an accepted answer?), for a small grid
// of how much unknown words and answers count. The held-out half is never read here.

type Sample = { x: Features; y: number };

const KEYS: (keyof Features)[] = [
  "coverage",
  "answerCoverage",
  "entryCoverage",
  "keyword",
  "elsewhere",
  "sharedConcepts",
  "missedConcepts",
  "unknown",
  "margin",
];

type Businesses = readonly EvalBusiness[];

/**
 * Each business as it is and with a half, a quarter and an eighth of its FAQ entries (a fixed pick): most
 * businesses start with a few entries, and a question about an entry that is not there is one the
 * matcher must not answer with another. A question keeps its expected entry when that entry is
 * still there, else an also-acceptable one that is, else it has none.
 */
export function withSmallerFaqs(businesses: Businesses): EvalBusiness[] {
  return businesses.flatMap((b) => {
    // A fixed order that does not follow the file's: entries sorted by a hash of their id.
    const hash = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const order = [...b.faqs].sort((x, y) => hash(x.id) - hash(y.id));
    return [
      b,
      ...[2, 4, 8].map((part) => {
        const kept = new Set(order.slice(0, Math.ceil(order.length / part)).map((f) => f.id));
        return {
          ...b,
          slug: `${b.slug}/${part}`,
          faqs: b.faqs.filter((f) => kept.has(f.id)),
          questions: b.questions.map((q) => {
            const accepted = [q.expected, ...(q.alsoAcceptable ?? [])].filter(
              (id): id is string => id !== null && kept.has(id),
            );
            return { ...q, expected: accepted[0] ?? null, alsoAcceptable: accepted.slice(1) };
          }),
        };
      }),
    ];
  });
}

function samples(tuning: MatchTuning, businesses: Businesses): Sample[] {
  const out: Sample[] = [];
  for (const business of businesses) {
    const index = createFaqIndex(evalFaqs(business), { tuning });
    for (const q of business.questions) {
      if (q.half !== "tune") continue;
      const accepted = q.expected === null ? [] : [q.expected, ...(q.alsoAcceptable ?? [])];
      for (const c of index.candidates(q.text)) {
        out.push({ x: c.features, y: accepted.includes(c.faq.id) ? 1 : 0 });
      }
    }
  }
  return out;
}

/** Logistic regression by Newton's method (a handful of steps), with a little L2 shrinkage. */
function logistic(data: Sample[], l2 = 0.1): FeatureWeights {
  const dims = KEYS.length + 1;
  const row = (x: Features) => [1, ...KEYS.map((k) => x[k])];
  let w = new Array<number>(dims).fill(0);
  for (let step = 0; step < 25; step++) {
    const grad = new Array<number>(dims).fill(0);
    const hess = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    for (const { x, y } of data) {
      const v = row(x);
      const p = 1 / (1 + Math.exp(-v.reduce((z, vi, i) => z + vi * (w[i] ?? 0), 0)));
      for (let i = 0; i < dims; i++) {
        grad[i] = (grad[i] ?? 0) + (p - y) * (v[i] ?? 0);
        const hi = hess[i] as number[];
        for (let j = 0; j < dims; j++)
          hi[j] = (hi[j] ?? 0) + p * (1 - p) * (v[i] ?? 0) * (v[j] ?? 0);
      }
    }
    for (let i = 1; i < dims; i++) {
      grad[i] = (grad[i] ?? 0) + l2 * (w[i] ?? 0);
      (hess[i] as number[])[i] = ((hess[i] as number[])[i] ?? 0) + l2;
    }
    const delta = solve(hess, grad);
    w = w.map((wi, i) => wi - (delta[i] ?? 0));
    if (Math.max(...delta.map(Math.abs)) < 1e-6) break;
  }
  return Object.fromEntries([
    ["bias", w[0]],
    ...KEYS.map((k, i) => [k, w[i + 1]]),
  ]) as FeatureWeights;
}

/** Solves `a x = b` by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    }
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const mc = m[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const mr = m[r] as number[];
      const f = (mr[c] ?? 0) / (mc[c] ?? 1);
      for (let k = c; k <= n; k++) mr[k] = (mr[k] ?? 0) - f * (mc[k] ?? 0);
    }
  }
  return m.map((r, i) => (r[n] ?? 0) / (r[i] ?? 1));
}

type Top = { score: number; right: boolean; answerable: boolean };

/** Each tuning question's best candidate and whether it is right. */
function tops(tuning: MatchTuning, businesses: Businesses): Top[] {
  const out: Top[] = [];
  for (const business of businesses) {
    const index = createFaqIndex(evalFaqs(business), { tuning });
    for (const q of business.questions) {
      if (q.half !== "tune") continue;
      const accepted = q.expected === null ? [] : [q.expected, ...(q.alsoAcceptable ?? [])];
      const top = index.match(q.text, 0);
      out.push({
        score: top?.score ?? 0,
        right: top !== null && accepted.includes(top.faq.id),
        answerable: q.expected !== null,
      });
    }
  }
  return out;
}

type Tally = { right: number; answered: number; answerable: number };

function tally(all: Top[], threshold: number): Tally {
  const answered = all.filter((x) => x.score > 0 && x.score >= threshold);
  return {
    right: answered.filter((x) => x.right).length,
    answered: answered.length,
    answerable: all.filter((x) => x.answerable).length,
  };
}

/** The lowest threshold at which precision on these questions is still ≥ `target`. */
function lowestThreshold(all: Top[], target: number): number {
  let best = 0.99;
  for (let t = 0.99; t >= 0.3; t -= 0.01) {
    const { right, answered } = tally(all, t);
    if (answered > 0 && right / answered < target) break;
    best = Number(t.toFixed(2));
  }
  return best;
}

/** The lowest threshold at which wrong answers are at most `share` of all these questions. */
function lowestSafeThreshold(all: Top[], share: number): number {
  let best = 0.99;
  for (let t = 0.99; t >= 0.3; t -= 0.01) {
    const { right, answered } = tally(all, t);
    if (answered - right > share * all.length) break;
    best = Number(t.toFixed(2));
  }
  return best;
}

/** Weights for one setting of how unknown words and answers count, fitted on `businesses`. */
function fitWeights(unknownWeight: number, answerWeight: number, businesses: Businesses) {
  // All weights start at nought, so every fit starts from the same place; the margin feature
  // depends on the weights, so the fit is repeated with the margins of the one before.
  const start = Object.fromEntries(Object.keys(DEFAULT_TUNING.weights).map((k) => [k, 0]));
  let tuning: MatchTuning = { unknownWeight, answerWeight, weights: start as FeatureWeights };
  for (let round = 0; round < 3; round++) {
    tuning = { ...tuning, weights: logistic(samples(tuning, withSmallerFaqs(businesses))) };
  }
  return tuning;
}

const UNKNOWN_WEIGHTS = [0.5, 1, 1.5];
const ANSWER_WEIGHTS = [0.3, 0.5, 0.7];
/** The precision the threshold keeps on questions of businesses left out of the fit: the goal. */
const TARGET = 0.97;
/**
 * With an AI to answer otherwise, the share of all questions an entry may be sent for wrongly:
 * half the goal of 1%, so the figure holds on questions the fit never saw.
 */
const DIRECT_WRONG_SHARE = 0.005;

export type Fit = {
  tuning: MatchTuning;
  threshold: number;
  /** The threshold with an AI to fall back on (`AI_DIRECT_THRESHOLD`). */
  directThreshold: number;
  /** Precision and recall on each business of the tuning half when it was left out of the fit. */
  cv: { p: number; r: number };
  tune: { p: number; r: number };
};

const rates = (t: Tally) => ({
  p: t.answered === 0 ? 1 : t.right / t.answered,
  r: t.right / t.answerable,
});

/**
 * Every choice is made on the tuning half only, by leaving one business out at a time: the
 * weights are fitted on the other four and score the one left out. The threshold is the lowest at
 * which those left-out scores keep precision at the goal, and the setting with the best recall
 * there wins; its weights are then fitted on all five businesses.
 */
export function fitMatcher(): Fit {
  let winner: Fit | null = null;
  for (const unknownWeight of UNKNOWN_WEIGHTS) {
    for (const answerWeight of ANSWER_WEIGHTS) {
      const left = EVAL_BUSINESSES.flatMap((out) =>
        tops(
          fitWeights(
            unknownWeight,
            answerWeight,
            EVAL_BUSINESSES.filter((b) => b !== out),
          ),
          withSmallerFaqs([out]),
        ),
      );
      const threshold = lowestThreshold(left, TARGET);
      const cv = rates(tally(left, threshold));
      if (winner && cv.r <= winner.cv.r) continue;
      const tuning = fitWeights(unknownWeight, answerWeight, EVAL_BUSINESSES);
      winner = {
        tuning,
        threshold,
        directThreshold: lowestSafeThreshold(left, DIRECT_WRONG_SHARE),
        cv,
        tune: rates(tally(tops(tuning, EVAL_BUSINESSES), threshold)),
      };
    }
  }
  if (!winner) throw new Error("no setting was fitted");
  return winner;
}

/** `npm run bench -- faq-fit`: the fitted tuning, to copy into `DEFAULT_TUNING`. */
export async function fitBench(): Promise<Row[]> {
  const { tuning, threshold, directThreshold, cv, tune } = fitMatcher();
  const round = (v: number) => Number(v.toFixed(3));
  const weights = Object.fromEntries(Object.entries(tuning.weights).map(([k, v]) => [k, round(v)]));
  return [
    {
      benchmark: "faq fit (tuning half only)",
      engine: "lexical, no AI",
      n: EVAL_BUSINESSES.reduce(
        (sum, b) => sum + b.questions.filter((q) => q.half === "tune").length,
        0,
      ),
      p50: "",
      p95: "",
      extra: `threshold ${threshold} (with AI ${directThreshold}): tuning half P ${tune.p.toFixed(3)} R ${tune.r.toFixed(3)}, each business left out of the fit P ${cv.p.toFixed(3)} R ${cv.r.toFixed(3)}; tuning ${JSON.stringify({ ...tuning, weights })}`,
    },
  ];
}
