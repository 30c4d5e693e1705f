import { detect } from "tinyld";

/** The languages Parley's system messages, small talk and commands come in. */
export const LANGUAGES = {
  en: "English",
  es: "Español",
  pt: "Português",
  fr: "Français",
  de: "Deutsch",
  it: "Italiano",
  sw: "Kiswahili",
  tr: "Türkçe",
  id: "Bahasa Indonesia",
  hi: "हिन्दी (Hindi)",
  ar: "العربية (Arabic)",
} as const;

export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];
export const DEFAULT_LANGUAGE: Language = "en";

export const isLanguage = (code: string): code is Language => Object.hasOwn(LANGUAGES, code);

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
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const found = detect(sample);
  const code = ALIASES[found] ?? found;
  return isLanguage(code) ? code : null;
}
