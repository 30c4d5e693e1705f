import { z } from "zod";
import { inboxFilters, inboxSorts } from "@/db/queries/inbox";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";

export const NOTE_MAX = 2000;
// Meta's limit for one template parameter's text.
export const TEMPLATE_PARAM_MAX = 1024;

export const conversationRef = z.object({ conversationId: z.uuid("Conversation not found.") });

export const assignInput = conversationRef.extend({
  assigneeId: z.string().min(1).nullable(),
});

export const noteInput = conversationRef.extend({
  body: z
    .string()
    .trim()
    .min(1, "Write the note first.")
    .max(NOTE_MAX, `A note can be at most ${NOTE_MAX} characters.`),
});

const clientId = z.uuid("Reload the page and try again.");

export const textReplyInput = conversationRef.extend({
  clientId,
  text: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_TEXT, `A WhatsApp message can be at most ${MAX_TEXT} characters.`),
});

/** One value of a template parameter, as WhatsApp accepts it. */
export const templateValue = z
  .string()
  .max(TEMPLATE_PARAM_MAX, `Each value can be at most ${TEMPLATE_PARAM_MAX} characters.`)
  .refine(
    (v) => !/[\n\t]| {5,}/.test(v),
    "WhatsApp does not allow line breaks, tabs or more than four spaces in a row here.",
  );

export const templateChoice = {
  name: z.string().min(1, "Choose a template."),
  language: z.string().min(1),
  values: z.record(z.string(), templateValue),
};

export const templateReplyInput = conversationRef.extend({ clientId, ...templateChoice });

/**
 * A conversation a member starts with a template: with a contact, or with a phone number (the
 * contact is created).
 */
export const startConversationInput = z
  .object({
    clientId,
    contactId: z.uuid("Choose a contact.").optional(),
    phone: z.string().trim().max(40, "That is too long for a phone number.").optional(),
    ...templateChoice,
  })
  .refine((v) => Boolean(v.contactId) || Boolean(v.phone), {
    error: "Choose a contact or type a phone number.",
    path: ["phone"],
  });

// How a template reply is stored on its message, and read back by the job that sends it.
export const templatePayload = z.object({
  template: z.object({
    name: z.string(),
    language: z.string(),
    components: z.array(z.looseObject({ type: z.string() })),
  }),
});

/** A stored interactive message (a rating request's reply buttons), as Meta's object. */
export const interactivePayload = z.object({
  interactive: z.looseObject({ type: z.enum(["button", "list"]) }),
});

/** The inbox list's query string: tab, search, label, priority, order and the position to continue from. */
export const inboxListQuery = z.object({
  filter: z.enum(inboxFilters).catch("all"),
  q: z.string().max(200).optional(),
  label: z.uuid().optional().catch(undefined),
  priority: z.enum(["none", "low", "medium", "high", "urgent"]).optional().catch(undefined),
  sort: z.enum(inboxSorts).catch("recent"),
  after: z.string().max(200).optional(),
});

export const threadQuery = z.object({ before: z.string().max(200).optional() });

/** A draft the agent asks the AI to rewrite: translated to the customer's language, or friendlier. */
export const rewriteDraftInput = conversationRef.extend({
  how: z.enum(["translate", "friendlier"]),
  draft: z
    .string()
    .trim()
    .min(1, "Write a draft first.")
    .max(MAX_TEXT, `A WhatsApp message can be at most ${MAX_TEXT} characters.`),
});
