import {
  createFaqIndex,
  DEFAULT_TUNING,
  type Features,
  type FeatureWeights,
  type MatchTuning,
} from "@/lib/bot/faq-match";
import type { Row } from "../stats";
import { EVAL_BUSINESSES } from "./eval";
import { evalFaqs } from "./eval/score";

// Fits the matcher's confidence model on the tuning half of the evaluation set only: a logistic
// regression over each candidate's features (is this entry an accepted answer?), for a small grid
// of how much unknown words and answers count, keeping the setting whose recall at precision
// ≥ 0.97 on the tuning half is best. The held-out half is never read here.

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

function samples(tuning: MatchTuning): Sample[] {
  const out: Sample[] = [];
  for (const business of EVAL_BUSINESSES) {
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

// Precision on the tuning half is held a point above the goal, so the threshold keeps the goal on
// questions it was not fitted on.
const TARGET = 0.98;

/** The lowest threshold at which precision on the tuning half is still ≥ TARGET, and its recall. */
function bestThreshold(tuning: MatchTuning): { threshold: number; p: number; r: number } {
  // Each question's best candidate once; then every threshold is a pass over these.
  const tops: { score: number; right: boolean; answerable: boolean }[] = [];
  for (const business of EVAL_BUSINESSES) {
    const index = createFaqIndex(evalFaqs(business), { tuning });
    for (const q of business.questions) {
      if (q.half !== "tune") continue;
      const accepted = q.expected === null ? [] : [q.expected, ...(q.alsoAcceptable ?? [])];
      const top = index.match(q.text, 0);
      tops.push({
        score: top?.score ?? 0,
        right: top !== null && accepted.includes(top.faq.id),
        answerable: q.expected !== null,
      });
    }
  }
  const answerable = tops.filter((t) => t.answerable).length;
  let best = { threshold: 0.99, p: 1, r: 0 };
  for (let t = 0.3; t <= 0.99; t += 0.01) {
    const answered = tops.filter((x) => x.score >= t && x.score > 0);
    const right = answered.filter((x) => x.right).length;
    const p = answered.length === 0 ? 1 : right / answered.length;
    const r = right / answerable;
    if (p >= TARGET && r > best.r) best = { threshold: Number(t.toFixed(2)), p, r };
  }
  return best;
}

// A word no entry knows weighs at least half the rarest known word: the tuning half has few
// questions about other businesses ("what time does the cinema open"), and a lighter weight would
// answer them.
const UNKNOWN_WEIGHTS = (process.env.FAQ_FIT_UNKNOWN ?? "0.5,0.75,1").split(",").map(Number);

export function fit(): { tuning: MatchTuning; threshold: number; p: number; r: number } {
  let winner = { tuning: DEFAULT_TUNING, threshold: 1, p: 1, r: -1 };
  for (const unknownWeight of UNKNOWN_WEIGHTS) {
    for (const answerWeight of [0.3, 0.4, 0.5, 0.6]) {
      let tuning: MatchTuning = { unknownWeight, answerWeight, weights: DEFAULT_TUNING.weights };
      // The margin feature depends on the weights: refit until it settles.
      for (let round = 0; round < 3; round++) {
        tuning = { ...tuning, weights: logistic(samples(tuning)) };
      }
      const result = bestThreshold(tuning);
      if (result.r > winner.r) winner = { tuning, ...result };
    }
  }
  return winner;
}

/** `npm run bench -- faq-fit`: the fitted tuning, to copy into `DEFAULT_TUNING`. */
export async function fitBench(): Promise<Row[]> {
  const { tuning, threshold, p, r } = fit();
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
      extra: `threshold ${threshold}: P ${p.toFixed(3)} R ${r.toFixed(3)}; tuning ${JSON.stringify({ ...tuning, weights })}`,
    },
  ];
}
