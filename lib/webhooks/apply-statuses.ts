import type { Db } from "@/db";
import { isRowRefusal } from "@/db/errors";
import { applyAlertStatus } from "@/db/queries/escalation-alerts";
import {
  applyMessageStatuses,
  applyStatusToUnrecordedSend,
  type StatusPricing,
  type StatusUpdate,
} from "@/db/queries/messages";
import { normalizeCategory } from "@/lib/pricing/categories";
import { recipientCountry } from "@/lib/pricing/country";
import type { Problem } from "@/lib/whatsapp/parse-delivery";
import type { Status } from "@/lib/whatsapp/webhook-schema";
import { stopMarketingOnRefusals } from "./marketing-stops";

const ORDER = ["sent", "delivered", "read", "played", "failed"] as const;

// What a send carries in biz_opaque_callback_data: the Parley row it belongs to, a message
// (`m:`) or a staff alert recorded on an escalation (`e:`). Anything else is not ours.
const OPAQUE = /^([me]):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function parseOpaque(value: string | undefined) {
  const match = value ? OPAQUE.exec(value) : null;
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1].toLowerCase() === "m" ? "message" : "alert", id: match[2].toLowerCase() };
}

function toPricing(s: Status): StatusPricing | null {
  if (!s.pricing) return null;
  return {
    category: normalizeCategory(s.pricing.category),
    type: s.pricing.type ?? null,
    billable: s.pricing.billable ?? null,
    model: s.pricing.pricing_model ?? null,
    country: recipientCountry(s.recipient_id),
  };
}

function toUpdate(s: Status): StatusUpdate {
  const failure = s.errors?.[0];
  return {
    pricing: toPricing(s),
    waMessageId: s.id,
    status: s.status,
    at: s.timestamp,
    errorCode: failure?.code ?? null,
    errorDetails: failure
      ? (failure.error_data?.details ?? failure.message ?? failure.title ?? null)
      : null,
  };
}

// Applied one after another, a message's statuses end at the highest, stamped by its first
// occurrence, with the pricing of the first that carries one: that one status alone gives the
// same row.
export function decisive(statuses: Status[]): StatusUpdate[] {
  const best = new Map<string, StatusUpdate>();
  for (const s of statuses) {
    const current = best.get(s.id);
    if (!current || ORDER.indexOf(s.status) > ORDER.indexOf(current.status)) {
      const update = toUpdate(s);
      best.set(s.id, { ...update, pricing: current?.pricing ?? update.pricing });
    } else if (!current.pricing && s.pricing) {
      current.pricing = toPricing(s);
    }
  }
  return [...best.values()];
}

/**
 * Applies a change's statuses: to the channel's messages by WhatsApp id in one statement; a status
 * whose id no message has is placed by the row its send named (a message whose id was never
 * recorded, or a staff alert), in its own savepoint so that a refusal only skips it.
 */
export async function applyStatuses(
  tx: Db,
  scope: { workspaceId: string; channelId: string },
  statuses: { status: Status; path: string }[],
): Promise<Problem[]> {
  const updates = decisive(statuses.map((s) => s.status));
  const unknown = new Set(await applyMessageStatuses(tx, { ...scope, statuses: updates }));
  const problems: Problem[] = [];
  for (const { status, path } of statuses) {
    const target = unknown.has(status.id) ? parseOpaque(status.biz_opaque_callback_data) : null;
    if (!target) continue;
    const update = toUpdate(status);
    try {
      await tx.transaction(async (savepoint) => {
        if (target.kind === "message") {
          await applyStatusToUnrecordedSend(savepoint, { ...scope, messageId: target.id, update });
        } else {
          await applyAlertStatus(savepoint, {
            workspaceId: scope.workspaceId,
            escalationId: target.id,
            update: {
              ...update,
              error:
                update.status === "failed"
                  ? `WhatsApp: ${update.errorDetails ?? "the alert was not delivered"} (${update.errorCode ?? "no code"})`
                  : null,
            },
          });
        }
      });
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
      problems.push({ path, message: "status not applied: refused by the database" });
    }
  }
  await stopMarketingOnRefusals(tx, scope, updates);
  return problems;
}
