import type { PhoneSend } from "@/lib/validations/sandbox-phone";
import { messagesWebhook, type SandboxNumberRef } from "./deliver";

// The inbound message Meta would deliver for what the customer did on the phone.
export function phoneMessage(send: PhoneSend): { type: string; content: Record<string, unknown> } {
  switch (send.kind) {
    case "text":
      return {
        type: "text",
        content: {
          text: { body: send.text },
          ...(send.replyTo && { context: { id: send.replyTo } }),
        },
      };
    case "location":
      return {
        type: "location",
        content: {
          location: {
            latitude: send.latitude,
            longitude: send.longitude,
            ...(send.label && { name: send.label }),
          },
        },
      };
    case "reaction":
      return {
        type: "reaction",
        content: { reaction: { message_id: send.messageId, emoji: send.emoji } },
      };
    case "button":
      return {
        type: "interactive",
        content: {
          context: { id: send.messageId },
          interactive: { type: "button_reply", button_reply: { id: send.id, title: send.title } },
        },
      };
    case "list":
      return {
        type: "interactive",
        content: {
          context: { id: send.messageId },
          interactive: {
            type: "list_reply",
            list_reply: {
              id: send.id,
              title: send.title,
              ...(send.description && { description: send.description }),
            },
          },
        },
      };
    case "order":
      return {
        type: "order",
        content: {
          order: {
            catalog_id: send.catalogId,
            ...(send.text && { text: send.text }),
            product_items: send.items.map((i) => ({
              product_retailer_id: i.retailerId,
              quantity: i.quantity,
              item_price: i.itemPrice,
              currency: i.currency,
            })),
          },
        },
      };
    case "image":
      return {
        type: "image",
        content: {
          image: {
            id: send.mediaId,
            mime_type: send.mimeType,
            sha256: send.sha256,
            ...(send.caption && { caption: send.caption }),
          },
        },
      };
    case "document":
      return {
        type: "document",
        content: {
          document: {
            id: send.mediaId,
            mime_type: send.mimeType,
            sha256: send.sha256,
            filename: send.filename,
            ...(send.caption && { caption: send.caption }),
          },
        },
      };
    case "audio":
      return {
        type: "audio",
        content: {
          audio: {
            id: send.mediaId,
            mime_type: send.mimeType,
            sha256: send.sha256,
            voice: send.voice,
          },
        },
      };
  }
}

export function inboundPayload(number: SandboxNumberRef, send: PhoneSend, wamid: string) {
  const { type, content } = phoneMessage(send);
  return messagesWebhook(number, {
    contacts: [{ profile: { name: send.name || "Sandbox customer" }, wa_id: send.customer }],
    messages: [
      {
        from: send.customer,
        id: wamid,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type,
        ...content,
      },
    ],
  });
}
