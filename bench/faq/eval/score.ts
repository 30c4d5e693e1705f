import {
  createFaqIndex,
  DEFAULT_THRESHOLD,
  type MatchableFaq,
  type MatchTuning,
} from "@/lib/bot/faq-match";
import { EVAL_BUSINESSES, type EvalBusiness, type EvalQuestion } from "./index";

/** How one group of questions fared: right answers, answers given, answerable questions. */
export type Tally = { right: number; answered: number; answerable: number; total: number };

export type EvalMiss = {
  business: string;
  text: string;
  expected: string | null;
  got: string | null;
  score: number;
};

export type EvalScore = {
  overall: Tally;
  byKind: Map<string, Tally>;
  byLang: Map<string, Tally>;
  wrong: EvalMiss[];
  missed: EvalMiss[];
};

export const precision = (t: Tally) => (t.answered === 0 ? 1 : t.right / t.answered);
export const recall = (t: Tally) => (t.answerable === 0 ? 1 : t.right / t.answerable);

const empty = (): Tally => ({ right: 0, answered: 0, answerable: 0, total: 0 });

export function evalFaqs(business: EvalBusiness): MatchableFaq[] {
  return business.faqs.map((f) => ({
    id: f.id,
    question: f.question,
    answer: f.answer,
    keywords: f.keywords,
    priority: 0,
  }));
}

/**
 * Scores the matcher without AI on the chosen questions: each business's FAQ is its own index. An
 * answer is right when it is the expected entry or one of the also-acceptable ones; any answer to a
 * question no entry answers is wrong.
 */
export function scoreEval(
  pick: (q: EvalQuestion, business: EvalBusiness) => boolean,
  threshold = DEFAULT_THRESHOLD,
  businesses: readonly EvalBusiness[] = EVAL_BUSINESSES,
  tuning?: MatchTuning,
): EvalScore {
  const result: EvalScore = {
    overall: empty(),
    byKind: new Map(),
    byLang: new Map(),
    wrong: [],
    missed: [],
  };
  for (const business of businesses) {
    const index = createFaqIndex(evalFaqs(business), { tuning });
    for (const q of business.questions) {
      if (!pick(q, business)) continue;
      const match = index.match(q.text, threshold);
      const accepted = q.expected === null ? [] : [q.expected, ...(q.alsoAcceptable ?? [])];
      const right = match !== null && accepted.includes(match.faq.id);
      const tallies = [
        result.overall,
        ensure(result.byKind, q.kind),
        ensure(result.byLang, q.lang),
      ];
      for (const t of tallies) {
        t.total += 1;
        if (q.expected !== null) t.answerable += 1;
        if (match) t.answered += 1;
        if (right) t.right += 1;
      }
      const miss = {
        business: business.slug,
        text: q.text,
        expected: q.expected,
        got: match?.faq.id ?? null,
        score: match?.score ?? 0,
      };
      if (match && !right) result.wrong.push(miss);
      else if (!match && q.expected !== null) {
        const best = index.related(q.text, 1, 0)[0];
        result.missed.push({ ...miss, got: best?.faq.id ?? null, score: best?.score ?? 0 });
      }
    }
  }
  return result;
}

function ensure(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = empty();
    map.set(key, t);
  }
  return t;
}

/** "P 0.990 (99/100) R 0.400 (99/250)". */
export function summarize(t: Tally): string {
  return `P ${precision(t).toFixed(3)} (${t.right}/${t.answered}) R ${recall(t).toFixed(3)} (${t.right}/${t.answerable})`;
}
