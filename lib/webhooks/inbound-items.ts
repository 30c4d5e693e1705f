import type { InboundRow } from "@/db/queries/webhooks";
import { describeMessage } from "@/lib/whatsapp/describe-message";
import type { MessagesChange, Problem } from "@/lib/whatsapp/parse-delivery";
import type { InboundMessage } from "@/lib/whatsapp/webhook-schema";
import type { Sender } from "./plan-contacts";
import type { InboundItem } from "./store-inbound";

const PREVIEW_LENGTH = 160;

// The stored form of an inbound message: its summary for search and previews, and the raw item.
export function toInboundRow(
  channel: { id: string; workspaceId: string },
  message: InboundMessage,
  raw: Record<string, unknown>,
): InboundRow {
  return {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    ...messageFields(message, raw),
  };
}

/** A WhatsApp message's stored fields, whoever sent it: summary, raw item, time and preview. */
export function messageFields(message: InboundMessage, raw: Record<string, unknown>) {
  const summary = describeMessage(message);
  return {
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

// A message's sender as the one-by-one path reads it: the profile in `contacts[]` that names the
// same phone or user id supplies the name and the other identity.
function senderOf(change: MessagesChange, message: InboundMessage): Sender | null {
  const phone = message.from ?? null;
  const userId = message.from_user_id ?? null;
  if (!phone && !userId) return null;
  const profile = change.contacts.find(
    (c) => (phone && c.wa_id === phone) || (userId && c.user_id === userId),
  );
  const waId = phone ?? profile?.wa_id ?? null;
  const bsuid = userId ?? profile?.user_id ?? null;
  return {
    waId,
    userId: bsuid,
    name: profile?.profile?.name ?? null,
    phoneOnly: waId !== null && bsuid === null,
  };
}

/** The change's messages ready to store; those without a sender are reported instead. */
export function inboundItems(channel: { id: string; workspaceId: string }, change: MessagesChange) {
  const problems: Problem[] = [];
  const items: InboundItem[] = [];
  for (const { message, raw, index } of change.messages) {
    const path = `${change.path}.value.messages[${index}]`;
    const sender = senderOf(change, message);
    if (sender) items.push({ sender, row: toInboundRow(channel, message, raw), path });
    else problems.push({ path, message: "no sender (from or from_user_id)" });
  }
  return { items, problems };
}
