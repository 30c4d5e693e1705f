import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { log } from "@/lib/log";
import type { AiProvider } from "./providers";
import { type AiReply, completeChat, isAiUnavailable } from "./reply";

// Recognised by the offline stub too, which then plays a translator that is never needed.
export const TRANSLATION_TASK =
  "You pass a business's approved answer on to a customer on WhatsApp, in the customer's language.";
export const SAME_LANGUAGE = "SAME";

export function translationMessages(
  question: string,
  answer: string,
): ChatCompletionMessageParam[] {
  return [
    {
      role: "system",
      content: [
        TRANSLATION_TASK,
        `If the customer's message is written in the same language as the approved answer, reply with exactly ${SAME_LANGUAGE} and nothing else.`,
        "Otherwise reply with the approved answer translated faithfully into the language of the customer's message, and nothing else. You translate; you do not rewrite: add nothing, leave nothing out, and copy every number, price, time, date, phone number, e-mail address and link exactly as written.",
      ].join("\n"),
    },
    { role: "user", content: `Customer's message:\n${question}\n\nApproved answer:\n${answer}` },
  ];
}

const NUMBER = /\d+(?:[.,:/-]\d+)*/g;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>()"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const trimLink = (link: string) => link.replace(/[.,;:!?]+$/, "");

/** True when every number and link of the original appears, as written, in the translation. */
export function keepsFacts(original: string, translation: string): boolean {
  const numbers = new Set(translation.match(NUMBER) ?? []);
  if (!(original.match(NUMBER) ?? []).every((n) => numbers.has(n))) return false;
  return (original.match(LINK) ?? []).every((l) => translation.includes(trimLink(l)));
}

export type Delivered = {
  text: string;
  translated: boolean;
  ai: Omit<AiReply, "text" | "failures"> | null;
  aiFailures: string[];
};

/**
 * The owner's approved answer in the customer's language: the model translates it (or says the
 * languages are the same), and a translation that lost or changed a number or link is not sent:
 * the original is. When no provider answers, the original goes too.
 */
export async function deliverApprovedAnswer(
  providers: AiProvider[],
  input: { question: string; answer: string; timeoutMs?: number },
): Promise<Delivered> {
  const original = { text: input.answer, translated: false };
  let reply: AiReply;
  try {
    reply = await completeChat(providers, translationMessages(input.question, input.answer), {
      // Room for a translation a third longer than the answer; clipping would lose facts.
      maxLength: Math.ceil(input.answer.length * 1.5) + 40,
      ...(input.timeoutMs && { timeoutMs: input.timeoutMs }),
    });
  } catch (error) {
    if (!isAiUnavailable(error)) throw error;
    const aiFailures = error.failures.map((f) => `${f.provider}: ${f.error}`);
    return { ...original, ai: null, aiFailures };
  }
  return checked(input.answer, reply);
}

/** The translation when it is one and keeps every number and link; else the original. */
function checked(original: string, reply: AiReply): Delivered {
  const { text, failures, ...ai } = reply;
  const aiFailures = failures.map((f) => `${f.provider}: ${f.error}`);
  const kept = { text: original, translated: false, ai, aiFailures };
  if (text.trim() === SAME_LANGUAGE || text.trim() === original.trim()) return kept;
  if (!keepsFacts(original, text)) {
    log.warn({ model: ai.model }, "Translation changed a number or link; the original was sent");
    return kept;
  }
  return { text, translated: true, ai, aiFailures };
}

export function ownerTextMessages(text: string, language: string): ChatCompletionMessageParam[] {
  return [
    {
      role: "system",
      content: [
        TRANSLATION_TASK,
        `This is one of the business's own messages (a welcome, an away note, a "we'll get back to you"). If it is already written in ${language}, reply with exactly ${SAME_LANGUAGE} and nothing else.`,
        `Otherwise reply with it translated faithfully into ${language}, and nothing else. You translate; you do not rewrite: add nothing, leave nothing out, keep every name, and copy every number, price, time, date, phone number, e-mail address and link exactly as written.`,
      ].join("\n"),
    },
    { role: "user", content: text },
  ];
}

/**
 * The owner's own wording of one of the bot's messages in a customer's language (a name such as
 * "Spanish"), checked like an approved answer: a translation that lost a number or link, or no
 * provider answering, sends the owner's text as written.
 */
export async function translateOwnerText(
  providers: AiProvider[],
  input: { text: string; language: string; timeoutMs?: number },
): Promise<Delivered> {
  try {
    const reply = await completeChat(providers, ownerTextMessages(input.text, input.language), {
      maxLength: Math.ceil(input.text.length * 1.5) + 40,
      ...(input.timeoutMs && { timeoutMs: input.timeoutMs }),
    });
    return checked(input.text, reply);
  } catch (error) {
    if (!isAiUnavailable(error)) throw error;
    const aiFailures = error.failures.map((f) => `${f.provider}: ${f.error}`);
    return { text: input.text, translated: false, ai: null, aiFailures };
  }
}
