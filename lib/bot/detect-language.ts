import { detect, detectAll } from "tinyld";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages";

// tinyld rather than franc: franc reads trigrams and needs long texts (it took "when do you open
// on saturday?" for French and "Do you deliver?" for Portuguese), while tinyld is built for short
// messages, has no dependencies, and got every one of the eleven languages right on one-line
// questions. Its normal model is loaded on the server only (this file is never in a page bundle).

// Fewer letters than this and no detector tells languages apart reliably ("ok", "hi", "si").
const MIN_LETTERS = 8;
// The start of a message tells its language; reading more costs time and adds nothing.
const SAMPLE_CHARS = 300;
// tinyld has no Swahili model; its Kirundi model is the one Swahili text lands on, and Kirundi is
// not a language Parley serves.
const ALIASES: Record<string, Language> = { rn: "sw", ms: "id" };

/**
 * The language a customer's message is written in, or null when it is too short or the detector
 * is unsure or finds a language Parley has no messages for; the caller falls back to the
 * workspace's default language.
 */
export function detectLanguage(text: string): Language | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (SPANISH_OPENING.test(sample)) return sureLanguage(sample) ?? "es";
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const found = detect(sample);
  const code = ALIASES[found] ?? found;
  return isLanguage(code) ? code : null;
}

// Only Spanish opens a question or an exclamation with "¿" or "¡": a message starting so is
// Spanish unless the detector is sure of another language ("¿Venden bicicletas?" reads as Dutch).
const SPANISH_OPENING = /^\s*[¿¡]/u;
const SURE = 0.5;

function sureLanguage(sample: string): Language | null {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const [best] = detectAll(sample);
  if (!best || best.accuracy < SURE) return null;
  const code = ALIASES[best.lang] ?? best.lang;
  return isLanguage(code) ? code : null;
}

/** The language of the newest of several messages (newest first) whose language can be told. */
export function writtenLanguage(texts: readonly string[]): Language | null {
  for (const text of texts) {
    const found = detectLanguage(text);
    if (found) return found;
  }
  return null;
}

/**
 * The language a customer writes in over several messages, newest first: the first one whose
 * language can be told, else the workspace's default language.
 */
export function customerLanguage(texts: readonly string[], defaultLanguage: string): Language {
  return (
    writtenLanguage(texts) ?? (isLanguage(defaultLanguage) ? defaultLanguage : DEFAULT_LANGUAGE)
  );
}
