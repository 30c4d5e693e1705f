import { z } from "zod";
import { LANGUAGE_CODES, type Language } from "@/lib/bot/languages";
import { SYSTEM_MESSAGE_KINDS, type SystemMessageOverrides } from "@/lib/bot/system-messages";
import { normalize } from "@/lib/bot/text";
import { RATING_QUESTION_MAX } from "@/lib/validations/csat";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { timezoneSchema, weeklyHoursSchema } from "./business-hours";

// The bot settings form, checked in the browser as the owner types and again by the server
// action. The tenant import reuses the field pieces, so both accept the same values.

/** Tones the AI is asked to write in (lib/ai/reply.ts puts the word into its instructions). */
export const TONES = ["friendly", "professional", "concise", "playful"] as const;
export type Tone = (typeof TONES)[number];

/** Outside business hours the bot answers what it can and adds the away note, or only says it's closed. */
export const OUTSIDE_HOURS_MODES = ["answer", "closed_only"] as const;
export type OutsideHoursMode = (typeof OUTSIDE_HOURS_MODES)[number];

/** The provider choice meaning "the workspace's own OpenAI-compatible endpoint and key". */
export const OWN_AI_KEY = "own";

export const LIMITS = {
  systemPrompt: 4000,
  replyLength: { min: 50, max: MAX_TEXT },
  keyword: 60,
  keywords: 50,
  perHour: { min: 1, max: 100_000 },
  perContactDay: { min: 1, max: 10_000 },
} as const;

const n = (value: number) => value.toLocaleString("en");
const emptyToNull = (v: string) => (v === "" ? null : v);

const text = (max: number) =>
  z
    .string({ error: "Enter some text." })
    .trim()
    .max(max, `Use at most ${n(max)} characters.`);

const count = (min: number, max: number) =>
  z
    .number({ error: "Enter a number." })
    .int("Enter a whole number.")
    .min(min, `Use at least ${n(min)}.`)
    .max(max, `Use at most ${n(max)}.`);

const keyword = z
  .string()
  .trim()
  .min(1, "Remove the empty phrase.")
  .max(LIMITS.keyword, `Keep each phrase to ${LIMITS.keyword} characters or fewer.`)
  .refine((k) => normalize(k) !== "", "Use words, not only punctuation or emoji.");

const E164 = /^\+?[1-9]\d{7,14}$/;
const compactPhone = (v: string) => v.replace(/[\s().-]/g, "");

const isEmail = (v: string) => z.email().safeParse(v).success;
const isWebAddress = (v: string) => z.url({ protocol: /^https?$/ }).safeParse(v).success;
const noSpaces = /^\S*$/;

/** The owner's wording per language; empty boxes mean Parley's default, and none at all null. */
const systemMessagesSchema = z
  .partialRecord(
    z.enum(LANGUAGE_CODES as [Language, ...Language[]]),
    z.partialRecord(z.enum(SYSTEM_MESSAGE_KINDS), text(MAX_TEXT)).superRefine((messages, ctx) => {
      // The day and time of the next opening go where {when} stands; without it they are lost.
      const back = messages.awayBack;
      if (back && !back.includes("{when}")) {
        ctx.addIssue({
          code: "custom",
          path: ["awayBack"],
          message: "Keep {when} where the day and time go, e.g. “We're back {when}.”",
        });
      }
      // WhatsApp takes at most 1,024 characters above reply buttons.
      const rating = messages.ratingQuestion;
      if (rating && rating.length > RATING_QUESTION_MAX) {
        ctx.addIssue({
          code: "custom",
          path: ["ratingQuestion"],
          message: `Keep the rating question under ${RATING_QUESTION_MAX} characters.`,
        });
      }
    }),
  )
  .transform((byLanguage): SystemMessageOverrides | null => {
    const kept: SystemMessageOverrides = {};
    for (const [language, messages] of Object.entries(byLanguage)) {
      const own = Object.entries(messages ?? {}).filter(([, t]) => t !== "");
      if (own.length > 0) kept[language as Language] = Object.fromEntries(own);
    }
    return Object.keys(kept).length > 0 ? kept : null;
  });

/** The settings' fields, as the form and the tenant import accept them. */
export const botFields = {
  enabled: z.boolean(),
  aiEnabled: z.boolean(),
  systemPrompt: text(LIMITS.systemPrompt).transform(emptyToNull),
  tone: z.enum(TONES, { error: "Choose one of the tones." }),
  maxReplyLength: count(LIMITS.replyLength.min, LIMITS.replyLength.max),
  welcomeMessage: text(MAX_TEXT).transform(emptyToNull),
  fallbackMessage: text(MAX_TEXT).min(1, "Write what the bot says when it has no answer."),
  timezone: timezoneSchema,
  businessHours: weeklyHoursSchema,
  awayMessage: text(MAX_TEXT).transform(emptyToNull),
  defaultLanguage: z.enum(LANGUAGE_CODES as [Language, ...Language[]], {
    error: "Choose one of the languages.",
  }),
  aiDisclosure: z.boolean(),
  systemMessages: systemMessagesSchema,
  outsideHours: z.enum(OUTSIDE_HOURS_MODES, {
    error: "Choose what the bot does outside business hours.",
  }),
  handoffKeywords: z
    .array(keyword)
    .max(LIMITS.keywords, `Use at most ${LIMITS.keywords} phrases.`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((k, i) => {
        const key = normalize(k);
        if (seen.has(key)) {
          ctx.addIssue({ code: "custom", path: [i], message: `“${k}” is already in the list.` });
        }
        seen.add(key);
      });
    }),
  maxMessagesPerHour: count(LIMITS.perHour.min, LIMITS.perHour.max),
  maxMessagesPerUserPerDay: count(LIMITS.perContactDay.min, LIMITS.perContactDay.max),
  escalationPhone: z
    .string()
    .trim()
    .refine(
      (v) => v === "" || E164.test(compactPhone(v)),
      "Enter the number with its country code, e.g. +254 700 123456.",
    )
    .transform((v) => (v === "" ? null : `+${compactPhone(v).replace(/^\+/, "")}`)),
  escalationEmail: z
    .string()
    .trim()
    .max(254, "This e-mail address is too long.")
    .refine((v) => v === "" || isEmail(v), "Enter a valid e-mail address, e.g. owner@yourshop.com.")
    .transform(emptyToNull),
};

export const AI_IMAGES = ["auto", "on", "off"] as const;

const aiFields = {
  // "own", or a provider of this server by name; which names exist is the server's to check.
  aiProvider: z.string().trim().max(100, "Choose a provider from the list."),
  // Empty means the chosen provider's default model.
  aiModel: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .regex(noSpaces, "A model name has no spaces, e.g. gpt-4o-mini."),
  aiBaseUrl: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .refine(
      (v) => v === "" || isWebAddress(v),
      "Enter the full address, starting with https://, e.g. https://api.groq.com/openai/v1.",
    ),
  // Whether the chosen model is sent customers' photos: by its name, or the owner's word.
  aiImages: z.enum(AI_IMAGES, { error: "Choose whether photos go to the model." }),
  // Empty keeps the stored key, which never comes back to the browser. Choosing another provider
  // removes it.
  aiApiKey: z
    .string()
    .trim()
    .max(500, "This is too long for an API key; paste only the key.")
    .regex(noSpaces, "Paste only the key, without spaces."),
};

// The template that carries staff alerts, as Meta names it; empty for none, absent to leave it as
// it is. Whether the number has it, approved and fillable, only the server can tell (it asks
// WhatsApp when the choice changes).
const alertFields = {
  alertTemplateName: z
    .string()
    .trim()
    .max(512, "Choose a template from the list.")
    .regex(/^[a-z0-9_]*$/, "Choose a template from the list.")
    .transform(emptyToNull)
    .optional(),
  alertTemplateLanguage: z
    .string()
    .trim()
    .max(15, "Choose a template from the list.")
    .transform(emptyToNull)
    .optional(),
};

export const botSettingsFormSchema = z
  .object({
    ...botFields,
    ...aiFields,
    ...alertFields,
    // When the settings the form started from were saved: a save over someone else's is refused.
    version: z.string().max(40).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.alertTemplateName !== !v.alertTemplateLanguage) {
      ctx.addIssue({
        code: "custom",
        path: ["alertTemplateName"],
        message: "Choose a template from the list.",
      });
    }
    if (v.aiProvider === OWN_AI_KEY && !v.aiModel) {
      ctx.addIssue({
        code: "custom",
        path: ["aiModel"],
        message: "Enter the model your provider gives you, e.g. gpt-4o-mini.",
      });
    }
  });

/** What the form holds and sends. */
export type BotSettingsFormInput = z.input<typeof botSettingsFormSchema>;
/** The same, checked and tidied: trimmed texts, empty ones as null, the phone as +digits. */
export type BotSettingsFormOutput = z.output<typeof botSettingsFormSchema>;

/**
 * With "my own key" chosen, a key must be stored or given. Only the server knows for sure whether
 * one is stored, so the browser and the action both ask this with what they know.
 */
export function ownKeyProblem(
  form: Pick<BotSettingsFormInput, "aiProvider" | "aiApiKey">,
  hasStoredKey: boolean,
): string | null {
  if (form.aiProvider !== OWN_AI_KEY || form.aiApiKey.trim() !== "" || hasStoredKey) return null;
  return "Paste your API key, or choose one of this server's providers.";
}

/** Field errors keyed by the field's path, as the server action returns them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}
