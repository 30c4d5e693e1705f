import { z } from "zod";
import { CANNED_LIMITS, CANNED_VARIABLES, unknownVariables } from "@/lib/inbox/canned-variables";
import { LABEL_COLORS, LABEL_NAME_MAX } from "@/lib/inbox/label-colors";
import { PRIORITIES } from "@/lib/inbox/priorities";
import { conversationRef } from "./inbox";

const variableList = Object.keys(CANNED_VARIABLES)
  .map((v) => `{{${v}}}`)
  .join(", ");

export const cannedReplyFields = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the reply a title.")
    .max(CANNED_LIMITS.titleMax, `A title can be at most ${CANNED_LIMITS.titleMax} characters.`),
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^\//, ""))
    .pipe(
      z
        .string()
        .min(1, "Give the reply a shortcut, e.g. hours.")
        .max(
          CANNED_LIMITS.shortcutMax,
          `A shortcut can be at most ${CANNED_LIMITS.shortcutMax} characters.`,
        )
        .regex(/^[a-z0-9][a-z0-9_-]*$/, "Use letters, digits, - and _ only, without spaces."),
    ),
  body: z
    .string()
    .trim()
    .min(1, "Write the reply.")
    .max(
      CANNED_LIMITS.bodyMax,
      `A WhatsApp message can be at most ${CANNED_LIMITS.bodyMax} characters.`,
    )
    .superRefine((body, ctx) => {
      const unknown = unknownVariables(body);
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `Unknown variable ${unknown.map((v) => `{{${v}}}`).join(", ")}. Use ${variableList}.`,
        });
      }
    }),
});
export type CannedReplyFields = z.infer<typeof cannedReplyFields>;

export const itemRef = z.object({
  id: z.uuid("This item does not exist any more. Reload the page."),
});
export const updateCannedReplyInput = cannedReplyFields.extend(itemRef.shape);

export const labelFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the label.")
    .max(LABEL_NAME_MAX, `A label can be at most ${LABEL_NAME_MAX} characters.`),
  color: z.enum(LABEL_COLORS, "Choose one of the colours."),
});
export type LabelFields = z.infer<typeof labelFields>;
export const updateLabelInput = labelFields.extend(itemRef.shape);

export const labelConversationInput = conversationRef.extend({
  labelId: z.uuid("Choose a label."),
  on: z.boolean(),
});

export const priorityInput = conversationRef.extend({ priority: z.enum(PRIORITIES) });

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;
export const snoozeInput = conversationRef.extend({
  /** Null wakes the conversation now. */
  until: z.iso
    .datetime({ offset: true, message: "Choose a date and time." })
    .nullable()
    .refine(
      (v) => v === null || (Date.parse(v) > Date.now() && Date.parse(v) < Date.now() + YEAR_MS),
      "Choose a time in the future, within a year.",
    ),
});

export const BULK_MAX = 100;
export const bulkInput = z.object({
  conversationIds: z
    .array(z.uuid("Conversation not found."))
    .min(1, "Select at least one conversation.")
    .max(BULK_MAX, `Select at most ${BULK_MAX} conversations at once.`),
  action: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("close") }),
    z.object({ kind: z.literal("assign"), assigneeId: z.string().min(1).nullable() }),
    z.object({ kind: z.literal("label"), labelId: z.uuid("Choose a label.") }),
  ]),
});
export type BulkInput = z.infer<typeof bulkInput>;
