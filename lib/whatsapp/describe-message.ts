import type { MessageMedia } from "@/db/schema";
import { readOrder } from "@/lib/products/read-order";
import type { InboundMessage } from "./webhook-schema";

export type MessageSummary = {
  text: string | null;
  media: MessageMedia | null;
  /** The message this one answers, reacts to, edits or revokes. */
  contextWaMessageId: string | null;
};

function media(m: NonNullable<InboundMessage["image"]>): MessageMedia {
  return {
    id: m.id,
    mimeType: m.mime_type,
    sha256: m.sha256,
    caption: m.caption,
    filename: m.filename,
    voice: m.voice,
  };
}

// The searchable text and media reference of an inbound message; the full item stays in payload.
export function describeMessage(m: InboundMessage): MessageSummary {
  const context = m.context?.id ?? null;
  const item = m.image ?? m.video ?? m.document ?? m.audio ?? m.sticker;
  switch (m.type) {
    case "text":
      return { text: m.text?.body ?? null, media: null, contextWaMessageId: context };
    case "image":
    case "video":
    case "document":
    case "audio":
    case "sticker":
      return {
        text: item?.caption ?? null,
        media: item ? media(item) : null,
        contextWaMessageId: context,
      };
    case "location": {
      const l = m.location;
      const label = [l?.name, l?.address].filter(Boolean).join(", ");
      return {
        text: l ? label || `${l.latitude}, ${l.longitude}` : null,
        media: null,
        contextWaMessageId: context,
      };
    }
    case "contacts": {
      const names = (m.contacts ?? []).map((c) => c.name?.formatted_name).filter(Boolean);
      return { text: names.join(", ") || null, media: null, contextWaMessageId: context };
    }
    case "interactive": {
      const i = m.interactive;
      const text = i?.button_reply?.title ?? i?.list_reply?.title ?? i?.nfm_reply?.body ?? null;
      return { text, media: null, contextWaMessageId: context };
    }
    case "button":
      return {
        text: m.button?.text ?? m.button?.payload ?? null,
        media: null,
        contextWaMessageId: context,
      };
    case "reaction":
      // An empty or absent emoji means the reaction was removed.
      return {
        text: m.reaction?.emoji || null,
        media: null,
        contextWaMessageId: m.reaction?.message_id ?? context,
      };
    case "order": {
      // What the inbox list shows and search finds; the items stay in the payload.
      const order = readOrder({ order: m.order });
      const summary = order
        ? `Order: ${order.lines.length} ${order.lines.length === 1 ? "item" : "items"}, ${order.totals.join(" + ")}`
        : null;
      const text = [summary, m.order?.text].filter(Boolean).join(" — ");
      return { text: text || null, media: null, contextWaMessageId: context };
    }
    case "system":
      return { text: m.system?.body ?? null, media: null, contextWaMessageId: null };
    case "edit": {
      const edited = m.edit?.message as { text?: { body?: unknown } } | undefined;
      const body = edited?.text?.body;
      return {
        text: typeof body === "string" ? body : null,
        media: null,
        contextWaMessageId: m.edit?.original_message_id ?? context,
      };
    }
    case "revoke":
      return {
        text: null,
        media: null,
        contextWaMessageId: m.revoke?.original_message_id ?? context,
      };
    default:
      return { text: null, media: null, contextWaMessageId: context };
  }
}
