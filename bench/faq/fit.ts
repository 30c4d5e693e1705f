import {
  createFaqIndex,
  DEFAULT_TUNING,
  type Features,
  type FeatureWeights,
  type MatchTuning,
} from "@/lib/bot/faq-match";
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

function logistic(data: Sample[], start: FeatureWeights, l2 = 0.01): FeatureWeights {
  const w: FeatureWeights = { ...start };
  const rate = 0.5;
  for (let epoch = 0; epoch < 1500; epoch++) {
    const grad: Record<string, number> = { bias: 0 };
    for (const k of KEYS) grad[k] = 0;
    for (const { x, y } of data) {
      let z = w.bias;
      for (const k of KEYS) z += w[k] * x[k];
      const err = 1 / (1 + Math.exp(-z)) - y;
      grad.bias = (grad.bias ?? 0) + err;
      for (const k of KEYS) grad[k] = (grad[k] ?? 0) + err * x[k];
    }
    w.bias -= (rate * (grad.bias ?? 0)) / data.length;
    for (const k of KEYS) w[k] -= rate * ((grad[k] ?? 0) / data.length + l2 * w[k]);
  }
  return w;
}

/** The lowest threshold at which precision on the tuning half is still ≥ 0.97, and its recall. */
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
    if (p >= 0.97 && r > best.r) best = { threshold: Number(t.toFixed(2)), p, r };
  }
  return best;
}

export function fit(): { tuning: MatchTuning; threshold: number; p: number; r: number } {
  let winner = { tuning: DEFAULT_TUNING, ...bestThreshold(DEFAULT_TUNING) };
  for (const unknownWeight of [0.25, 0.5, 0.75, 1, 1.5]) {
    for (const answerWeight of [0, 0.4, 0.6, 0.8]) {
      let tuning: MatchTuning = { unknownWeight, answerWeight, weights: DEFAULT_TUNING.weights };
      // The margin feature depends on the weights: refit until it settles.
      for (let round = 0; round < 3; round++) {
        tuning = { ...tuning, weights: logistic(samples(tuning), tuning.weights) };
      }
      const result = bestThreshold(tuning);
      if (result.r > winner.r) winner = { tuning, ...result };
    }
  }
  return winner;
}

if (process.argv[1]?.endsWith("fit.ts")) {
  const { tuning, threshold, p, r } = fit();
  const round = (v: number) => Number(v.toFixed(3));
  const weights = Object.fromEntries(Object.entries(tuning.weights).map(([k, v]) => [k, round(v)]));
  console.log(JSON.stringify({ ...tuning, weights }, null, 2));
  console.log(`threshold ${threshold}: tune P ${p.toFixed(3)} R ${r.toFixed(3)}`);
}
