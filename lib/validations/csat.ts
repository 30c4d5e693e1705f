import { z } from "zod";

/** WhatsApp's limit on an interactive message's body. */
export const RATING_QUESTION_MAX = 1024;

export const csatSettingsInput = z.object({
  enabled: z.boolean(),
  question: z
    .string()
    .trim()
    .max(RATING_QUESTION_MAX, `Keep the question under ${RATING_QUESTION_MAX} characters.`),
});
