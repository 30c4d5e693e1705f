import { z } from "zod";
import { productMessageIds, type ReadOrder, readOrder } from "@/lib/products/read-order";
import type { ThreadMessageJson } from "./message-json";

// What a message shows, read from its row and, for the parts the row does not keep, from
// WhatsApp's message object stored in `payload` (lib/whatsapp/webhook-schema.ts). Payloads are
// read leniently: a field WhatsApp left out or renamed makes the part fall back, never throw.

export type MediaKind = "image" | "sticker" | "video" | "audio" | "document";

export type SharedContact = { name: string; phones: { phone: string; label: string | null }[] };

export type MessageBody =
  | { kind: "text"; text: string }
  | {
      kind: "media";
      media: MediaKind;
      hasFile: boolean;
      caption: string | null;
      filename: string | null;
      mimeType: string | null;
      voice: boolean;
      /** A voice note's or audio file's words, as the bot's transcription model heard them. */
      transcript: string | null;
    }
  | {
      kind: "location";
      latitude: number;
      longitude: number;
      name: string | null;
      address: string | null;
    }
  | { kind: "contacts"; contacts: SharedContact[] }
  | {
      kind: "choice";
      action: "button" | "list" | "form";
      text: string;
      detail: string | null;
      fields: [string, string][];
    }
  | { kind: "template"; name: string; language: string; text: string }
  | { kind: "order"; order: ReadOrder }
  | { kind: "products"; text: string; retailerIds: string[] }
  | { kind: "reaction"; emoji: string }
  | { kind: "edit"; text: string | null }
  | { kind: "revoke" }
  | { kind: "system"; text: string }
  | { kind: "unshown"; type: string; text: string | null };

const MEDIA = new Set<string>(["image", "sticker", "video", "audio", "document"]);

const str = z.string().optional();

const location = z.looseObject({
  location: z.looseObject({
    latitude: z.number(),
    longitude: z.number(),
    name: str,
    address: str,
  }),
});

const contacts = z.looseObject({
  contacts: z.array(
    z.looseObject({
      name: z.looseObject({ formatted_name: str, first_name: str, last_name: str }).optional(),
      phones: z
        .array(z.looseObject({ phone: str, wa_id: str, type: str }))
        .optional()
        .catch(undefined),
    }),
  ),
});

const interactive = z.looseObject({
  interactive: z.looseObject({
    type: z.string(),
    button_reply: z.looseObject({ title: z.string() }).optional(),
    list_reply: z.looseObject({ title: z.string(), description: str }).optional(),
    nfm_reply: z.looseObject({ body: str, response_json: str }).optional(),
  }),
});

const button = z.looseObject({ button: z.looseObject({ text: str, payload: str }) });

const template = z.looseObject({
  template: z.looseObject({
    name: z.string(),
    language: z.union([z.string(), z.looseObject({ code: z.string() })]),
  }),
});

const unsupported = z.looseObject({ unsupported: z.looseObject({ type: z.string() }) });
const system = z.looseObject({ system: z.looseObject({ body: z.string() }) });
const reaction = z.looseObject({ reaction: z.looseObject({ emoji: str }) });
const forwarded = z.looseObject({
  context: z.looseObject({
    forwarded: z.boolean().optional(),
    frequently_forwarded: z.boolean().optional(),
  }),
});

function read<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> | null {
  const parsed = schema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

const MAX_FORM_FIELDS = 20;

// A submitted form's answers, without the flow's own token; nested values are left out.
function formFields(responseJson: string | undefined): [string, string][] {
  if (!responseJson) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(responseJson);
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed)
    .filter(([key, value]) => key !== "flow_token" && value !== null && typeof value !== "object")
    .slice(0, MAX_FORM_FIELDS)
    .map(([key, value]) => [key, String(value)]);
}

function sharedContacts(payload: unknown): SharedContact[] | null {
  const parsed = read(contacts, payload);
  if (!parsed) return null;
  return parsed.contacts.map((c) => ({
    name:
      c.name?.formatted_name ||
      [c.name?.first_name, c.name?.last_name].filter(Boolean).join(" ") ||
      "Unnamed contact",
    phones: (c.phones ?? []).flatMap((p) => {
      const phone = p.phone || p.wa_id;
      return phone ? [{ phone, label: p.type ?? null }] : [];
    }),
  }));
}

function choice(m: ThreadMessageJson): MessageBody | null {
  if (m.type === "button") {
    const b = read(button, m.payload)?.button;
    const text = b?.text || b?.payload || m.text;
    return text ? { kind: "choice", action: "button", text, detail: null, fields: [] } : null;
  }
  const i = read(interactive, m.payload)?.interactive;
  if (i?.type === "button_reply" && i.button_reply) {
    return {
      kind: "choice",
      action: "button",
      text: i.button_reply.title,
      detail: null,
      fields: [],
    };
  }
  if (i?.type === "list_reply" && i.list_reply) {
    const { title, description } = i.list_reply;
    return { kind: "choice", action: "list", text: title, detail: description ?? null, fields: [] };
  }
  if (i?.type === "nfm_reply") {
    const fields = formFields(i.nfm_reply?.response_json);
    const body = i.nfm_reply?.body;
    return { kind: "choice", action: "form", text: body ?? "", detail: null, fields };
  }
  return null;
}

/** The part of a message the thread shows, by type. */
export function readMessageBody(m: ThreadMessageJson): MessageBody {
  const unshown: MessageBody = { kind: "unshown", type: m.type, text: m.text };
  if (m.type === "text") return m.text ? { kind: "text", text: m.text } : unshown;
  if (MEDIA.has(m.type)) {
    return {
      kind: "media",
      media: m.type as MediaKind,
      hasFile: Boolean(m.media?.id),
      caption: m.media?.caption ?? m.text ?? null,
      filename: m.media?.filename ?? null,
      mimeType: m.media?.mimeType ?? null,
      voice: m.media?.voice ?? false,
      transcript: m.transcript || null,
    };
  }
  switch (m.type) {
    case "location": {
      const l = read(location, m.payload)?.location;
      if (!l) return unshown;
      return {
        kind: "location",
        latitude: l.latitude,
        longitude: l.longitude,
        name: l.name ?? null,
        address: l.address ?? null,
      };
    }
    case "contacts": {
      const list = sharedContacts(m.payload);
      return list?.length ? { kind: "contacts", contacts: list } : unshown;
    }
    case "order": {
      const order = readOrder(m.payload);
      return order ? { kind: "order", order } : unshown;
    }
    case "interactive": {
      const ids = productMessageIds(m.payload);
      if (ids) return { kind: "products", text: m.text ?? "", retailerIds: ids };
      return choice(m) ?? unshown;
    }
    case "button":
      return choice(m) ?? unshown;
    case "template": {
      const t = read(template, m.payload)?.template;
      const language = typeof t?.language === "string" ? t.language : t?.language.code;
      return t && language
        ? { kind: "template", name: t.name, language, text: m.text ?? "" }
        : unshown;
    }
    case "reaction":
      return { kind: "reaction", emoji: m.text ?? read(reaction, m.payload)?.reaction.emoji ?? "" };
    case "edit":
      return { kind: "edit", text: m.text };
    case "revoke":
      return { kind: "revoke" };
    case "system": {
      const text = m.text ?? read(system, m.payload)?.system.body;
      return text ? { kind: "system", text } : unshown;
    }
    case "unsupported": {
      const inner = read(unsupported, m.payload)?.unsupported.type;
      return { ...unshown, type: inner ?? m.type };
    }
    default:
      // Replies Parley sends are shown by their text whatever WhatsApp type they went out as.
      return m.direction === "outbound" && m.text ? { kind: "text", text: m.text } : unshown;
  }
}

/** Whether the customer forwarded this message, and how often it had been forwarded before. */
export function forwardedLabel(m: ThreadMessageJson): string | null {
  const context = read(forwarded, m.payload)?.context;
  if (context?.frequently_forwarded) return "Forwarded many times";
  return context?.forwarded ? "Forwarded" : null;
}

const MEDIA_NOUNS: Record<MediaKind, string> = {
  image: "Photo",
  sticker: "Sticker",
  video: "Video",
  audio: "Audio",
  document: "Document",
};

/** What to call a message's file: "Photo", "Voice message", "Document"… */
export function mediaNoun(body: Extract<MessageBody, { kind: "media" }>): string {
  return body.media === "audio" && body.voice ? "Voice message" : MEDIA_NOUNS[body.media];
}

/** One line for a message another one quotes. */
export function summarizeBody(body: MessageBody): string {
  switch (body.kind) {
    case "text":
    case "template":
    case "choice":
    case "system":
      return body.text;
    case "media": {
      const noun = mediaNoun(body);
      return body.caption ? `${noun}: ${body.caption}` : (body.filename ?? noun);
    }
    case "location":
      return body.name ?? "Location";
    case "order":
      return `Order: ${body.order.lines.length} ${body.order.lines.length === 1 ? "item" : "items"}, ${body.order.totals.join(" + ")}`;
    case "products":
      return body.text || "Products";
    case "contacts":
      return `Contact: ${body.contacts.map((c) => c.name).join(", ")}`;
    case "reaction":
      return `Reaction ${body.emoji}`;
    case "edit":
      return body.text ?? "Edited message";
    case "revoke":
      return "Deleted message";
    case "unshown":
      return body.text ?? `A message of type ${body.type}`;
  }
}

export type LineBody = Extract<MessageBody, { kind: "reaction" | "edit" | "revoke" | "system" }>;

/** Whether a message shows as a small line in the thread rather than a bubble. */
export const isLine = (body: MessageBody): body is LineBody =>
  body.kind === "reaction" ||
  body.kind === "edit" ||
  body.kind === "revoke" ||
  body.kind === "system";
