import type { Language } from "./languages";
import { normalize } from "./text";

/** Phrases per language; "any" holds those every language uses ("ok", "stop", "hi"). */
export type PhraseLists = Partial<Record<Language | "any", string>>;

type Entry<K> = { kind: K; language: Language | null };

/** Words as the tables compare them: normalised, with Turkish dotless ı folded to i. */
export const tokensOf = (text: string): string[] => {
  const n = normalize(text).replace(/ı/g, "i");
  return n === "" ? [] : n.split(" ");
};

// "hiii", "thankss", "okkk": stretched letters, as people type them in chat.
const squeeze = (word: string, keep: 1 | 2) =>
  word.replace(/(\p{L})\1+/gu, keep === 1 ? "$1" : "$1$1");

/**
 * Reads a message as a sequence of known phrases, longest first. Returns the phrases found, or
 * null when any word is not part of a phrase: then the message says something more.
 */
export class PhraseTable<K extends string> {
  private readonly phrases = new Map<string, Entry<K>>();
  private longest = 1;

  add(kind: K, lists: PhraseLists): this {
    for (const [language, list] of Object.entries(lists)) {
      for (const phrase of list.split(",")) {
        const tokens = tokensOf(phrase);
        if (tokens.length === 0) continue;
        this.longest = Math.max(this.longest, tokens.length);
        this.phrases.set(tokens.join(" "), {
          kind,
          language: language === "any" ? null : (language as Language),
        });
      }
    }
    return this;
  }

  private lookup(tokens: string[]): Entry<K> | undefined {
    const key = tokens.join(" ");
    return (
      this.phrases.get(key) ??
      this.phrases.get(tokens.map((t) => squeeze(t, 2)).join(" ")) ??
      this.phrases.get(tokens.map((t) => squeeze(t, 1)).join(" "))
    );
  }

  /** Every phrase the message is made of, in order; null if some words are not phrases. */
  readWhole(text: string): Entry<K>[] | null {
    const tokens = tokensOf(text);
    const found: Entry<K>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let matched = 0;
      for (let len = Math.min(this.longest, tokens.length - i); len > 0; len--) {
        const entry = this.lookup(tokens.slice(i, i + len));
        if (entry) {
          found.push(entry);
          matched = len;
          break;
        }
      }
      if (matched === 0) return null;
      i += matched;
    }
    return found;
  }
}
