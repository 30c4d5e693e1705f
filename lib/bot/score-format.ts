// How an FAQ match's confidence reads to an owner, in every place that shows one: a whole
// percent, with what the bot needs beside it. A score is rounded down and the threshold up, so a
// score that falls short never reads as reaching what it needs.

const percent = (value: number) => Math.round(value * 10_000) / 100;

/** A confidence (0 to 1) as a whole percent, rounded down: "95%". */
export function formatScore(score: number): string {
  return `${Math.floor(percent(score))}%`;
}

/** The threshold as a whole percent, rounded up: "96%". */
export function formatThreshold(threshold: number): string {
  return `${Math.ceil(percent(threshold))}%`;
}

/** "95% (needs 96%)". */
export function scoreAgainst(score: number, threshold: number): string {
  return `${formatScore(score)} (needs ${formatThreshold(threshold)})`;
}

/**
 * What the percentages mean and how to make the bot answer, in one place for every page. With AI
 * answering, an entry below the threshold can still reach the customer through the AI.
 */
export function thresholdExplanation(threshold: number, ai = false): string {
  const rule = ai
    ? `Parley sends an FAQ answer by itself when it is at least ${formatThreshold(threshold)} sure that a question asks what an entry answers; below that, the AI reads your FAQ and passes on the entry that answers, or answers itself.`
    : `Parley answers from your FAQ only when it is at least ${formatThreshold(threshold)} sure that a question asks what an entry answers.`;
  return `${rule} To make it answer a question it missed, add the customer's wording to that entry as one of its “other wordings”.`;
}
