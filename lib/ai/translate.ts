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
  const { text, failures, ...ai } = reply;
  const aiFailures = failures.map((f) => `${f.provider}: ${f.error}`);
  if (text.trim() === SAME_LANGUAGE || text.trim() === input.answer.trim()) {
    return { ...original, ai, aiFailures };
  }
  if (!keepsFacts(input.answer, text)) {
    log.warn({ model: ai.model }, "Translation changed a number or link; the original was sent");
    return { ...original, ai, aiFailures };
  }
  return { text, translated: true, ai, aiFailures };
}
