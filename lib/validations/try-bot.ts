import { z } from "zod";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";

export const TRY_AS = ["new", "returning", "opted_out"] as const;

/** A question for "Try it": what a customer could send, as the customer they are tested as. */
export const tryBotSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, "Type a question a customer might ask.")
    .max(MAX_TEXT, `WhatsApp messages are at most ${MAX_TEXT} characters.`),
  as: z.enum(TRY_AS, { error: "Choose who to test as." }).default("new"),
  messageType: z.enum(["text", "image"]).default("text"),
});

export type TryBotInput = z.input<typeof tryBotSchema>;
