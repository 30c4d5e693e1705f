import { randomBytes } from "node:crypto";

// Builders for Meta-shaped webhook payloads (notes/meta-whatsapp-api.md §B), for tests and benchmarks.

export const wamid = () => `wamid.HBgM${randomBytes(12).toString("hex").toUpperCase()}`;
const ts = (at: Date) => String(Math.floor(at.getTime() / 1000));

type Who = { phone?: string; userId?: string; name?: string };

export function messagesChange(
  phoneNumberId: string,
  value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[]; errors?: unknown[] },
) {
  return {
    field: "messages",
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550001111", phone_number_id: phoneNumberId },
      ...value,
    },
  };
}

export function envelope(...entries: { wabaId: string; changes: unknown[] }[]) {
  return {
    object: "whatsapp_business_account",
    entry: entries.map((e) => ({ id: e.wabaId, changes: e.changes })),
  };
}

export function contact(who: Who) {
  return {
    profile: { name: who.name ?? "Customer" },
    ...(who.phone && { wa_id: who.phone }),
    ...(who.userId && { user_id: who.userId }),
  };
}

export function inbound(who: Who, type: string, body: Record<string, unknown>, at = new Date()) {
  return {
    ...(who.phone && { from: who.phone }),
    ...(who.userId && { from_user_id: who.userId }),
    id: wamid(),
    timestamp: ts(at),
    type,
    ...body,
  };
}

const media = (extra: Record<string, unknown> = {}) => ({
  id: randomBytes(8).toString("hex"),
  mime_type: "image/jpeg",
  sha256: randomBytes(16).toString("base64"),
  ...extra,
});

/** One inbound message of every type Meta documents, with the text Parley should store. */
export function everyMessageType(who: Who, repliedTo: string) {
  return [
    { msg: inbound(who, "text", { text: { body: "Hello there" } }), text: "Hello there" },
    { msg: inbound(who, "image", { image: media({ caption: "My receipt" }) }), text: "My receipt" },
    {
      msg: inbound(who, "audio", {
        audio: media({ mime_type: "audio/ogg; codecs=opus", voice: true }),
      }),
      text: null,
    },
    {
      msg: inbound(who, "video", { video: media({ mime_type: "video/mp4", caption: "Unboxing" }) }),
      text: "Unboxing",
    },
    {
      msg: inbound(who, "document", {
        document: media({ mime_type: "application/pdf", filename: "invoice.pdf" }),
      }),
      text: null,
    },
    {
      msg: inbound(who, "sticker", {
        sticker: media({ mime_type: "image/webp", animated: false }),
      }),
      text: null,
    },
    {
      msg: inbound(who, "location", {
        location: { latitude: -1.28, longitude: 36.82, name: "Shop", address: "Moi Ave" },
      }),
      text: "Shop, Moi Ave",
    },
    {
      msg: inbound(who, "contacts", {
        contacts: [
          {
            name: { formatted_name: "Jane Doe", first_name: "Jane" },
            phones: [{ phone: "+254700000001", type: "CELL" }],
          },
        ],
      }),
      text: "Jane Doe",
    },
    {
      msg: inbound(who, "interactive", {
        context: { from: "15550001111", id: repliedTo },
        interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes please" } },
      }),
      text: "Yes please",
    },
    {
      msg: inbound(who, "interactive", {
        interactive: {
          type: "list_reply",
          list_reply: { id: "r1", title: "Guitars", description: "All guitars" },
        },
      }),
      text: "Guitars",
    },
    {
      msg: inbound(who, "interactive", {
        interactive: {
          type: "nfm_reply",
          nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"t"}' },
        },
      }),
      text: "Sent",
    },
    {
      msg: inbound(who, "button", { button: { payload: "STOP", text: "Stop promotions" } }),
      text: "Stop promotions",
    },
    {
      msg: inbound(who, "reaction", { reaction: { message_id: repliedTo, emoji: "👍" } }),
      text: "👍",
    },
    { msg: inbound(who, "reaction", { reaction: { message_id: repliedTo } }), text: null },
    {
      msg: inbound(who, "order", {
        order: {
          catalog_id: "c1",
          text: "Two please",
          product_items: [
            { product_retailer_id: "p1", quantity: 2, item_price: 10, currency: "KES" },
          ],
        },
      }),
      text: "Order: 1 item, KES 20.00 — Two please",
    },
    {
      msg: inbound(who, "system", {
        system: { body: "User changed number", wa_id: "254700000999", type: "user_changed_number" },
      }),
      text: "User changed number",
    },
    {
      msg: inbound(who, "unsupported", {
        errors: [
          {
            code: 131051,
            title: "Message type unknown",
            message: "Message type unknown",
            error_data: { details: "Message type is currently not supported." },
          },
        ],
        unsupported: { type: "poll_creation" },
      }),
      text: null,
    },
    {
      msg: inbound(who, "text", {
        text: { body: "I saw your ad" },
        referral: {
          source_url: "https://fb.me/x",
          source_id: "1",
          source_type: "ad",
          headline: "Sale",
          ctwa_clid: "abc",
        },
      }),
      text: "I saw your ad",
    },
    {
      msg: inbound(who, "edit", {
        edit: {
          original_message_id: repliedTo,
          message: { type: "text", text: { body: "Edited text" } },
        },
      }),
      text: "Edited text",
    },
    { msg: inbound(who, "revoke", { revoke: { original_message_id: repliedTo } }), text: null },
    { msg: inbound(who, "poll_vote_2027", { poll_vote_2027: { choice: 2 } }), text: null },
  ];
}

export function status(
  id: string,
  state: "sent" | "delivered" | "read" | "played" | "failed",
  at = new Date(),
  error?: { code: number; details: string },
) {
  return {
    id,
    status: state,
    timestamp: ts(at),
    recipient_id: "254700000000",
    ...(error && {
      errors: [
        {
          code: error.code,
          title: "Failure",
          message: "Failure",
          error_data: { details: error.details },
        },
      ],
    }),
  };
}

export function accountUpdate(wabaId: string, event: string, partnerBusinessId = "999000111") {
  return {
    wabaId: partnerBusinessId,
    changes: [
      {
        field: "account_update",
        value: { event, waba_info: { waba_id: wabaId, owner_business_id: "42" } },
      },
    ],
  };
}
