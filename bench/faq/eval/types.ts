export type EvalFaq = {
  id: string; // kebab-case, unique within the business
  question: string;
  answer: string;
  keywords: string[]; // may be empty
};

export type EvalQuestion = {
  text: string;
  expected: string | null; // FAQ id, or null when no entry answers it
  alsoAcceptable?: string[];
  lang: string; // ISO 639-1 of the main language ("en", "es", "pt", "fr", "de", "it", "sw", "tr", "id", "hi", "ar"); "mixed" for code-mixed
  kind:
    | "paraphrase"
    | "filler"
    | "chat"
    | "typo"
    | "word-order"
    | "keyword"
    | "other-language"
    | "mixed-language"
    | "small-talk"
    | "offtopic"
    | "near-miss";
  smallTalk?: "greeting" | "thanks" | "ok" | "goodbye" | "bot-question";
  half: "tune" | "holdout";
};

export type EvalBusiness = {
  slug: string;
  name: string;
  kind: string; // e.g. "dental clinic"
  city: string;
  language: string; // the FAQ's language, ISO 639-1
  timeZone: string; // IANA
  faqs: EvalFaq[];
  questions: EvalQuestion[];
};
