import type { Language } from "@/lib/bot/languages";

/**
 * The customer's rating of a closed conversation: three reply buttons (WhatsApp allows at most
 * three, shown under the message and answered with one tap; a 1–5 list would hide the choice
 * behind a second tap). Each button's id names the request it answers and the score.
 */
export const RATINGS = [
  { score: 3, title: "Great" },
  { score: 2, title: "OK" },
  { score: 1, title: "Poor" },
] as const;

export type RatingScore = (typeof RATINGS)[number]["score"];

/** A rating is "good" when the customer chose the best of the three. */
export const GOOD_SCORE = 3;

/** The English wording; every language's is in `lib/bot/system-messages.ts`. */
export const DEFAULT_RATING_QUESTION =
  "How did we do today? Tap a button to rate this conversation.";
export const RATING_THANKS = "Thank you for your rating!";

/**
 * The three buttons' titles in each language, best first (WhatsApp shows at most 20 characters of
 * a reply button's title).
 */
export const RATING_TITLES: Record<Language, readonly [string, string, string]> = {
  en: ["Great", "OK", "Poor"],
  es: ["Excelente", "Regular", "Mal"],
  pt: ["Ótimo", "Razoável", "Ruim"],
  fr: ["Très bien", "Correct", "Mauvais"],
  de: ["Sehr gut", "Okay", "Schlecht"],
  it: ["Ottimo", "Discreto", "Scarso"],
  sw: ["Vizuri sana", "Sawa", "Vibaya"],
  tr: ["Harika", "İdare eder", "Kötü"],
  id: ["Bagus sekali", "Lumayan", "Buruk"],
  hi: ["बहुत अच्छा", "ठीक-ठाक", "खराब"],
  ar: ["ممتاز", "مقبول", "سيئ"],
};

/** Reply button ids start with this, so storing a tap can tell it from any other button. */
export const RATING_ID_PREFIX = "csat:";

export const ratingButtonId = (requestId: string, score: RatingScore) =>
  `${RATING_ID_PREFIX}${requestId}:${score}`;

export const ratingTitle = (score: number) =>
  RATINGS.find((r) => r.score === score)?.title ?? String(score);

/** Meta's `interactive` object of the request, its buttons in the customer's language. */
export function ratingInteractive(requestId: string, question: string, language: Language = "en") {
  return {
    type: "button",
    body: { text: question },
    action: {
      buttons: RATINGS.map((r, i) => ({
        type: "reply",
        reply: {
          id: ratingButtonId(requestId, r.score),
          title: RATING_TITLES[language][i] ?? r.title,
        },
      })),
    },
  };
}

/** The language of the button a customer tapped, read from its title; null when not one of ours. */
export function ratingTapLanguage(payload: unknown): Language | null {
  const title = (payload as { interactive?: { button_reply?: { title?: unknown } } } | null)
    ?.interactive?.button_reply?.title;
  if (typeof title !== "string") return null;
  const found = Object.entries(RATING_TITLES).find(([, titles]) => titles.includes(title));
  return found ? (found[0] as Language) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request and score a stored inbound message answers; null for any other message. */
export function readRatingReply(
  payload: unknown,
): { requestId: string; score: RatingScore } | null {
  if (!payload || typeof payload !== "object") return null;
  const interactive = (payload as { interactive?: unknown }).interactive;
  if (!interactive || typeof interactive !== "object") return null;
  const reply = (interactive as { button_reply?: unknown }).button_reply;
  if (!reply || typeof reply !== "object") return null;
  const id = (reply as { id?: unknown }).id;
  if (typeof id !== "string" || !id.startsWith(RATING_ID_PREFIX)) return null;
  const [requestId, score] = id.slice(RATING_ID_PREFIX.length).split(":");
  const rating = RATINGS.find((r) => String(r.score) === score);
  if (!requestId || !UUID.test(requestId) || !rating) return null;
  return { requestId, score: rating.score };
}
