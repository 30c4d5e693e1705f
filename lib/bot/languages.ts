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

const ENGLISH_NAMES = new Intl.DisplayNames(["en"], { type: "language" });

/** A language's English name ("Spanish"), as the model is asked for it and owners read it. */
export const englishName = (code: Language): string => ENGLISH_NAMES.of(code) ?? code;
