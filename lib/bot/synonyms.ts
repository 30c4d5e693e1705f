import { CONCEPTS } from "./lexicon";
import { isStopword, normalize, stem } from "./text";

// Customer-service vocabulary (`./lexicon`): words and phrases customers use, in the languages
// Parley's users serve, mapped to one concept term. A question and an FAQ entry both read as
// concepts plus the words no concept covers, so "parcel", "pedido" and "Bestellung" all meet an
// FAQ about orders, whatever language either side is written in.

const SINGLE = new Map<string, string>();
// Concepts whose words customers use for the same question ("are you open", "opening hours",
// "closed on Sunday?") are read as one.
const SAME: Record<string, string> = { open: "hours", closed: "hours" };
// Phrases by the stem of their first word, longest first; phrases match word stems, so "gift
// cards" is "gift card".
const PHRASES = new Map<string, { rest: string[]; concept: string }[]>();
// Single words of six letters or more by each form with one letter left out, so a word one typo
// away ("parkign", "delivry") still names its concept: two words one edit apart share such a form.
const DELETES = new Map<string, string>();
const FUZZY_MIN = 6;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

for (const [name, variants] of Object.entries(CONCEPTS)) {
  const concept = SAME[name] ?? name;
  for (const variant of variants) {
    const v = normalize(variant);
    if (v === "") continue;
    const [first, ...rest] = v.split(" ").map(stem);
    if (first === undefined) continue;
    if (rest.length === 0) {
      SINGLE.set(v, concept);
      // The stem stands for the word too, unless it is a function word of its own: "unas" (nails)
      // stems to "una", which is Spanish for "a".
      if (!SINGLE.has(first) && !isStopword(first)) SINGLE.set(first, concept);
    } else {
      const list = PHRASES.get(first) ?? [];
      list.push({ rest, concept });
      PHRASES.set(first, list);
    }
  }
}
for (const list of PHRASES.values()) list.sort((a, b) => b.rest.length - a.rest.length);
// A form two concepts share is ambiguous and left out.
const AMBIGUOUS = "";
for (const [word, concept] of SINGLE) {
  if (word.length < FUZZY_MIN) continue;
  for (const form of [word, ...deletions(word)]) {
    const had = DELETES.get(form);
    DELETES.set(form, had === undefined || had === concept ? concept : AMBIGUOUS);
  }
}

function fuzzyConcept(token: string): string | undefined {
  if (token.length < FUZZY_MIN || token.length > 24 || isStopword(token)) return undefined;
  for (const form of [token, ...deletions(token)]) {
    const c = DELETES.get(form);
    if (c) return c;
  }
  return undefined;
}

/**
 * A text's normalised words read as concepts ("~hours") and the words no concept covers, each in
 * the order they first appear.
 */
export function conceptualize(tokens: readonly string[]): { concepts: string[]; rest: string[] } {
  const found = new Set<string>();
  const rest: string[] = [];
  const stems = tokens.map(stem);
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i] as string;
    const phrase = PHRASES.get(stems[i] as string)?.find((p) =>
      p.rest.every((w, j) => stems[i + 1 + j] === w),
    );
    if (phrase) {
      found.add(phrase.concept);
      i += 1 + phrase.rest.length;
      continue;
    }
    const c = SINGLE.get(t) ?? SINGLE.get(stems[i] as string) ?? fuzzyConcept(t);
    if (c) found.add(c);
    else rest.push(t);
    i += 1;
  }
  return { concepts: [...found].map((c) => `~${c}`), rest };
}

/** Concept terms ("~hours") found in a text's normalised words. */
export function concepts(tokens: readonly string[]): string[] {
  return conceptualize(tokens).concepts;
}
