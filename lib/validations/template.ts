import { z } from "zod";
import { checkTemplateDraft } from "@/lib/templates/rules";

// What the Templates page submits: one template's parts as the owner wrote them. The shape is
// checked here; Meta's own rules (lib/templates/rules.ts) run on the whole draft, so every
// problem is named beside its field before anything reaches Meta.

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY"] as const;

const text = z.string().overwrite((s) => s.replace(/\r\n?/g, "\n"));

export const templateButtonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: text.trim() }),
  z.object({
    type: z.literal("URL"),
    text: text.trim(),
    url: text.trim(),
    /** The whole link with the {{1}} part filled in, when the link ends with {{1}}. */
    example: text.trim().default(""),
  }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: text.trim(), phone: text.trim() }),
  z.object({ type: z.literal("COPY_CODE"), example: text.trim() }),
]);

export const templateHeaderSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("text"), text: text.trim(), example: text.trim().default("") }),
  z.object({
    kind: z.enum(["image", "video", "document"]),
    /** Meta's handle for the uploaded sample (from the upload step). */
    handle: z.string().trim().default(""),
  }),
]);

export const templateDraftShape = z.object({
  name: z.string().trim(),
  language: z.string().trim(),
  category: z.enum(TEMPLATE_CATEGORIES, { error: "Choose marketing or utility." }),
  header: templateHeaderSchema.default({ kind: "none" }),
  body: text.trim(),
  /** Example values by variable: "1", "2"… or "first_name"… */
  examples: z.record(z.string(), text.trim()).default({}),
  footer: text.trim().default(""),
  buttons: z.array(templateButtonSchema).default([]),
});

export type TemplateDraft = z.infer<typeof templateDraftShape>;
export type TemplateButton = z.infer<typeof templateButtonSchema>;

export const templateDraftSchema = templateDraftShape.superRefine((draft, ctx) => {
  for (const problem of checkTemplateDraft(draft)) {
    ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  }
});

export const createTemplateSchema = z.object({
  wabaId: z.string().regex(/^\d{1,30}$/),
  draft: templateDraftSchema,
});

export const editTemplateSchema = z.object({ id: z.uuid(), draft: templateDraftSchema });

export const templateIdSchema = z.object({ id: z.uuid() });
