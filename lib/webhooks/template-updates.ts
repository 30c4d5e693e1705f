import { z } from "zod";
import type { Db } from "@/db";
import {
  applyTemplateChange,
  markTemplatesStale,
  type TemplateChange,
} from "@/db/queries/templates";

// Meta's template webhooks (status, quality, category), applied to the workspace's copy of the
// WABA's templates so the Templates page and the inbox show them at once.

export const TEMPLATE_FIELDS = new Set([
  "message_template_status_update",
  "message_template_quality_update",
  "template_category_update",
]);

const id = z.union([z.string(), z.number()]).transform(String);
const upper = z.string().transform((s) => s.toUpperCase());

const statusUpdate = z.looseObject({
  event: upper,
  message_template_id: id,
  reason: z.string().nullish(),
  message_template_category: upper.optional(),
  rejection_info: z.looseObject({ reason: z.string().optional() }).optional(),
});
const qualityUpdate = z.looseObject({ message_template_id: id, new_quality_score: upper });
const categoryUpdate = z.looseObject({
  message_template_id: id,
  new_category: upper.optional(),
  previous_category: upper.optional(),
  correct_category: upper.optional(),
  category_update_timestamp: z.number().optional(),
});

/** What the webhook's value means for the stored template; null when it cannot be read. */
export function templateChangeOf(
  field: string,
  value: unknown,
): { metaId: string; change: TemplateChange } | null {
  if (field === "message_template_status_update") {
    const v = statusUpdate.safeParse(value);
    if (!v.success) return null;
    const reason = v.data.reason && v.data.reason !== "NONE" ? v.data.reason : null;
    return {
      metaId: v.data.message_template_id,
      change: {
        status: v.data.event,
        rejectedReason: v.data.event === "REJECTED" ? reason : null,
        ...(v.data.message_template_category && { category: v.data.message_template_category }),
      },
    };
  }
  if (field === "message_template_quality_update") {
    const v = qualityUpdate.safeParse(value);
    if (!v.success) return null;
    return { metaId: v.data.message_template_id, change: { quality: v.data.new_quality_score } };
  }
  if (field === "template_category_update") {
    const v = categoryUpdate.safeParse(value);
    if (!v.success) return null;
    // An impending change names the correct category and a date; a done one, the previous.
    if (v.data.correct_category && v.data.category_update_timestamp) {
      const when = new Date(v.data.category_update_timestamp * 1000).toISOString().slice(0, 10);
      return {
        metaId: v.data.message_template_id,
        change: {
          categoryNote: `WhatsApp will make it ${v.data.correct_category.toLowerCase()} on ${when}.`,
        },
      };
    }
    if (!v.data.new_category) return null;
    return {
      metaId: v.data.message_template_id,
      change: {
        category: v.data.new_category,
        categoryNote: v.data.previous_category
          ? `WhatsApp changed it from ${v.data.previous_category.toLowerCase()}.`
          : null,
      },
    };
  }
  return null;
}

/**
 * Applies one template webhook to the workspace's copy; a template Parley has not listed yet
 * makes the next reader list the WABA again. False when the value could not be read.
 */
export async function applyTemplateWebhook(
  tx: Db,
  p: { workspaceId: string; wabaId: string; field: string; value: unknown },
): Promise<boolean> {
  const parsed = templateChangeOf(p.field, p.value);
  if (!parsed) return false;
  const scope = { workspaceId: p.workspaceId, wabaId: p.wabaId };
  const applied = await applyTemplateChange(tx, { ...scope, ...parsed });
  if (!applied) await markTemplatesStale(tx, scope);
  return true;
}
