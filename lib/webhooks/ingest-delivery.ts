import type { Database, Db } from "@/db";
import { insertMessage } from "@/db/queries/messages";
import {
  applyMessageStatus,
  findChannelsByWabaId,
  insertWebhookDelivery,
  listPendingByWaIds,
  type PendingMessage,
  recordInboundOnConversation,
  setChannelStatus,
  upsertContactByIdentity,
  upsertConversationForMessage,
} from "@/db/queries/webhooks";
import { describeMessage } from "@/lib/whatsapp/describe-message";
import type {
  AccountChange,
  MessagesChange,
  ParsedChange,
  Problem,
} from "@/lib/whatsapp/parse-delivery";
import { routeByPhoneNumberId } from "./channel-cache";

export type IngestResult = {
  /** Inbound messages waiting for their reply: new ones, and redelivered ones still pending. */
  pending: PendingMessage[];
  stored: number;
  duplicates: number;
  statuses: number;
  unrouted: number;
  problems: Problem[];
};

const PREVIEW_LENGTH = 160;

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
  const waIds: string[] = [];
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
    const contactId = await upsertContactByIdentity(tx, {
      workspaceId,
      waId: phone ?? profile?.wa_id ?? null,
      userId: userId ?? profile?.user_id ?? null,
      name: profile?.profile?.name ?? null,
    });
    const at = message.timestamp;
    const conversationId = await upsertConversationForMessage(tx, {
      workspaceId,
      channelId: channel.id,
      contactId,
      at,
    });
    const summary = describeMessage(message);
    const inserted = await insertMessage(tx, {
      workspaceId,
      conversationId,
      channelId: channel.id,
      direction: "inbound",
      waMessageId: message.id,
      contextWaMessageId: summary.contextWaMessageId,
      type: message.type,
      text: summary.text,
      media: summary.media,
      payload: raw,
      status: "received",
      replyState: "pending",
      createdAt: at,
    });
    waIds.push(message.id);
    if (!inserted) {
      result.duplicates += 1;
      continue;
    }
    result.stored += 1;
    const preview = (summary.text ?? `[${message.type}]`).slice(0, PREVIEW_LENGTH);
    await recordInboundOnConversation(tx, { workspaceId, id: conversationId, at, preview });
  }
  for (const status of change.statuses) {
    const failure = status.errors?.[0];
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
  result.pending.push(
    ...(await listPendingByWaIds(tx, { workspaceId, channelId: channel.id, waMessageIds: waIds })),
  );
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
      await setChannelStatus(tx, {
        workspaceId: channel.workspaceId,
        id: channel.id,
        status: "disconnected",
        reason: "The business removed Parley's access in Meta (PARTNER_APP_UNINSTALLED).",
      });
    }
  }
}

/** Stores one delivery in one transaction: all of it is durable, or none and Meta retries. */
export async function ingestDelivery(db: Database, changes: ParsedChange[]): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const result: IngestResult = {
      pending: [],
      stored: 0,
      duplicates: 0,
      statuses: 0,
      unrouted: 0,
      problems: [],
    };
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
