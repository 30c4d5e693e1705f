import { CONCEPTS } from "./lexicon";
import { normalize } from "./text";

// Customer-service vocabulary (`./lexicon`): words and phrases customers use, in the languages
// Parley's users serve, mapped to one concept term. Both FAQ entries and questions get the concept
// term added, so "parcel", "pedido" and "Bestellung" all meet an FAQ about orders.

const SINGLE = new Map<string, string>();
// Phrases by their first word, longest first: a text is read in one pass.
const PHRASES = new Map<string, { rest: string[]; concept: string }[]>();
for (const [concept, variants] of Object.entries(CONCEPTS)) {
  for (const variant of variants) {
    const v = normalize(variant);
    if (v === "") continue;
    const [first, ...rest] = v.split(" ");
    if (first === undefined) continue;
    if (rest.length === 0) SINGLE.set(first, concept);
    else {
      const list = PHRASES.get(first) ?? [];
      list.push({ rest, concept });
      PHRASES.set(first, list);
    }
  }
}
for (const list of PHRASES.values()) list.sort((a, b) => b.rest.length - a.rest.length);

/** Concept terms ("~hours") found in a text's normalised words. */
export function concepts(tokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const c = SINGLE.get(t);
    if (c) found.add(c);
    const phrases = PHRASES.get(t);
    if (!phrases) continue;
    for (const p of phrases) {
      if (p.rest.every((w, j) => tokens[i + 1 + j] === w)) found.add(p.concept);
    }
  }
  return [...found].map((c) => `~${c}`);
}
