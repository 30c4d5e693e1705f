import type { Database, Db } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import { flagWindowClosed } from "@/db/queries/replies";
import {
  applyMessageStatus,
  findChannelsByWabaId,
  type InboundRow,
  insertInboundMessage,
  insertWebhookDelivery,
  listPendingByWaIds,
  markChannelRevoked,
  type PendingMessage,
  storeSingleInbound,
  upsertContactByIdentity,
  upsertConversationByPhone,
  upsertConversationForMessage,
} from "@/db/queries/webhooks";
import { describeMessage } from "@/lib/whatsapp/describe-message";
import type {
  AccountChange,
  MessagesChange,
  ParsedChange,
  Problem,
} from "@/lib/whatsapp/parse-delivery";
import type { InboundMessage } from "@/lib/whatsapp/webhook-schema";
import { routeByPhoneNumberId } from "./channel-cache";

export type IngestResult = {
  /** Inbound messages waiting for their reply: new ones, and redelivered ones still pending. */
  pending: PendingMessage[];
  stored: number;
  duplicates: number;
  statuses: number;
  unrouted: number;
  problems: Problem[];
  /** Channels Meta revoked in this delivery (first time only): their owners are told. */
  revoked: { workspaceId: string; channelId: string }[];
};

const PREVIEW_LENGTH = 160;

// The stored form of an inbound message: its summary for search and previews, and the raw item.
function toInboundRow(
  channel: { id: string; workspaceId: string },
  message: InboundMessage,
  raw: Record<string, unknown>,
): InboundRow {
  const summary = describeMessage(message);
  return {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    waMessageId: message.id,
    contextWaMessageId: summary.contextWaMessageId,
    type: message.type,
    text: summary.text,
    media: summary.media,
    payload: raw,
    at: message.timestamp,
    preview: (summary.text ?? `[${message.type}]`).slice(0, PREVIEW_LENGTH),
  };
}

async function ingestMessages(tx: Db, change: MessagesChange, result: IngestResult) {
  const channel = await routeByPhoneNumberId(tx, change.phoneNumberId);
  await insertWebhookDelivery(tx, {
    workspaceId: channel?.workspaceId,
    channelId: channel?.id,
    field: "messages",
    phoneNumberId: change.phoneNumberId,
    wabaId: change.wabaId,
    routed: channel !== null,
    payload: change.raw,
    problems: change.problems.length > 0 ? change.problems : null,
  });
  if (!channel) {
    result.unrouted += 1;
    return;
  }
  const { workspaceId } = channel;
  const duplicates: string[] = [];
  for (const [index, { message, raw }] of change.messages.entries()) {
    const phone = message.from ?? null;
    const userId = message.from_user_id ?? null;
    if (!phone && !userId) {
      result.problems.push({
        path: `${change.path}.value.messages[${index}]`,
        message: "no sender (from or from_user_id)",
      });
      continue;
    }
    const profile = change.contacts.find(
      (c) => (phone && c.wa_id === phone) || (userId && c.user_id === userId),
    );
    const name = profile?.profile?.name ?? null;
    const at = message.timestamp;
    const waId = phone ?? profile?.wa_id ?? null;
    const bsuid = userId ?? profile?.user_id ?? null;
    // A business-scoped user id may have to be linked to a phone contact: the general path.
    const conversationId =
      waId && !bsuid
        ? await upsertConversationByPhone(tx, {
            workspaceId,
            channelId: channel.id,
            waId,
            name,
            at,
          })
        : await upsertConversationForMessage(tx, {
            workspaceId,
            channelId: channel.id,
            contactId: await upsertContactByIdentity(tx, {
              workspaceId,
              waId,
              userId: bsuid,
              name,
            }),
            at,
          });
    const messageId = await insertInboundMessage(tx, {
      ...toInboundRow(channel, message, raw),
      conversationId,
    });
    if (messageId) {
      result.stored += 1;
      result.pending.push({ workspaceId, conversationId, channelId: channel.id, messageId });
    } else {
      result.duplicates += 1;
      duplicates.push(message.id);
    }
  }
  const windowClosed: string[] = [];
  for (const status of change.statuses) {
    const failure = status.errors?.[0];
    if (status.status === "failed" && failure?.code === 131047) windowClosed.push(status.id);
    await applyMessageStatus(tx, {
      workspaceId,
      channelId: channel.id,
      waMessageId: status.id,
      status: status.status,
      at: status.timestamp,
      errorCode: failure?.code ?? null,
      errorDetails: failure
        ? (failure.error_data?.details ?? failure.message ?? failure.title ?? null)
        : null,
    });
    result.statuses += 1;
  }
  // Free text sent after the 24-hour window fails this way: only a person with a template can
  // reach the customer now.
  await flagWindowClosed(tx, { workspaceId, channelId: channel.id, waMessageIds: windowClosed });
  // A redelivered message whose first job never finished is dispatched again (idempotently).
  if (duplicates.length > 0) {
    const queued = new Set(result.pending.map((p) => p.messageId));
    const stillPending = await listPendingByWaIds(tx, {
      workspaceId,
      channelId: channel.id,
      waMessageIds: duplicates,
    });
    result.pending.push(...stillPending.filter((p) => !queued.has(p.messageId)));
  }
}

async function ingestAccountChange(tx: Db, change: AccountChange, result: IngestResult) {
  const routed = change.wabaId ? await findChannelsByWabaId(tx, change.wabaId) : [];
  const base = { field: change.field, wabaId: change.wabaId, payload: change.raw };
  if (routed.length === 0) {
    result.unrouted += 1;
    await insertWebhookDelivery(tx, { ...base, routed: false });
    return;
  }
  for (const channel of routed) {
    await insertWebhookDelivery(tx, {
      ...base,
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      routed: true,
    });
    if (change.field === "account_update" && change.event === "PARTNER_APP_UNINSTALLED") {
      const revoked = await markChannelRevoked(tx, {
        workspaceId: channel.workspaceId,
        id: channel.id,
        reason:
          "Parley's access was removed in Meta (the app was uninstalled from your WhatsApp Business account). Connect the number again to resume.",
      });
      if (revoked) {
        await recordAudit(tx, {
          workspaceId: channel.workspaceId,
          actorType: "system",
          action: "channel.disconnected",
          target: channel.id,
          details: { by: "meta", event: change.event },
        });
        result.revoked.push({ workspaceId: channel.workspaceId, channelId: channel.id });
      }
    }
  }
}

const emptyResult = (): IngestResult => ({
  pending: [],
  stored: 0,
  duplicates: 0,
  statuses: 0,
  unrouted: 0,
  problems: [],
  revoked: [],
});

// Most deliveries carry one message from a customer known by phone; those take one statement.
async function ingestSingleMessage(
  db: Database,
  changes: ParsedChange[],
): Promise<IngestResult | null> {
  const [change] = changes;
  if (changes.length !== 1 || change?.kind !== "messages") return null;
  const [item] = change.messages;
  if (
    change.messages.length !== 1 ||
    !item ||
    change.statuses.length > 0 ||
    change.problems.length > 0
  )
    return null;
  const { message, raw } = item;
  if (!message.from || message.from_user_id) return null;
  const profile = change.contacts.find((c) => c.wa_id === message.from);
  if (profile?.user_id) return null;
  const channel = await routeByPhoneNumberId(db, change.phoneNumberId);
  if (!channel) return null;
  const stored = await storeSingleInbound(db, {
    ...toInboundRow(channel, message, raw),
    phoneNumberId: change.phoneNumberId,
    wabaId: change.wabaId,
    delivery: change.raw,
    waId: message.from,
    name: profile?.profile?.name ?? null,
  });
  if (!stored) return null;
  const result = emptyResult();
  if (stored.messageId) {
    result.stored = 1;
    result.pending.push({
      workspaceId: channel.workspaceId,
      conversationId: stored.conversationId,
      channelId: channel.id,
      messageId: stored.messageId,
    });
  } else {
    result.duplicates = 1;
    result.pending.push(
      ...(await listPendingByWaIds(db, {
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        waMessageIds: [message.id],
      })),
    );
  }
  return result;
}

/** Stores one delivery atomically: all of it is durable, or none and Meta retries. */
export async function ingestDelivery(db: Database, changes: ParsedChange[]): Promise<IngestResult> {
  const fast = await ingestSingleMessage(db, changes);
  if (fast) return fast;
  return db.transaction(async (tx) => {
    const result = emptyResult();
    for (const change of changes) {
      result.problems.push(...change.problems);
      if (change.kind === "messages") await ingestMessages(tx, change, result);
      else if (change.kind === "account") await ingestAccountChange(tx, change, result);
      else {
        result.unrouted += 1;
        await insertWebhookDelivery(tx, {
          routed: false,
          payload: change.raw,
          problems: change.problems,
        });
      }
    }
    return result;
  });
}
