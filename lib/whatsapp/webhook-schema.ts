import { z } from "zod";

// Meta's webhook shapes (notes/meta-whatsapp-api.md §B). Objects are loose: fields Meta adds later
// are kept in the raw payload, and only what Parley reads is checked.

const unixSeconds = z
  .union([z.string().regex(/^\d{1,11}$/), z.number().int().nonnegative().max(99_999_999_999)])
  .transform((v) => new Date(Number(v) * 1000));

const id = z.string().min(1).max(512);

export const contactSchema = z.looseObject({
  wa_id: id.optional(),
  user_id: id.optional(),
  profile: z
    .looseObject({ name: z.string().max(1024).optional(), username: z.string().optional() })
    .optional(),
});

const mediaSchema = z.looseObject({
  id: id.optional(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

export const inboundMessageSchema = z.looseObject({
  id,
  type: z.string().min(1).max(64),
  timestamp: unixSeconds,
  from: id.optional(),
  from_user_id: id.optional(),
  context: z
    .looseObject({
      id: id.optional(),
      from: z.string().optional(),
      forwarded: z.boolean().optional(),
    })
    .optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  document: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contacts: z
    .array(
      z.looseObject({ name: z.looseObject({ formatted_name: z.string().optional() }).optional() }),
    )
    .optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
      nfm_reply: z
        .looseObject({
          name: z.string().optional(),
          body: z.string().optional(),
          response_json: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  reaction: z.looseObject({ message_id: id, emoji: z.string().optional() }).optional(),
  order: z
    .looseObject({ catalog_id: z.string().optional(), text: z.string().optional() })
    .optional(),
  system: z
    .looseObject({
      body: z.string().optional(),
      type: z.string().optional(),
      wa_id: z.string().optional(),
    })
    .optional(),
  edit: z
    .looseObject({ original_message_id: id.optional(), message: z.looseObject({}).optional() })
    .optional(),
  revoke: z.looseObject({ original_message_id: id.optional() }).optional(),
  referral: z.looseObject({}).optional(),
  errors: z.array(z.looseObject({})).optional(),
});

export const statusSchema = z.looseObject({
  id,
  status: z.enum(["sent", "delivered", "read", "played", "failed"]),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  // Echoed from the send: Parley names there the row the message belongs to (`m:` or `e:` + id).
  biz_opaque_callback_data: z.string().optional(),
  // What Meta charges for the message (on `sent` and on one of delivered/read). A shape Meta may
  // change later never costs the status itself: anything unreadable is left out.
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: z.string().max(40).optional(),
      type: z.string().max(60).optional(),
      category: z.string().min(1).max(60),
    })
    .optional()
    .catch(undefined),
  errors: z
    .array(
      z.looseObject({
        code: z.number().int(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

export const messagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: z.string().optional() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

/** A customer stopping or resuming marketing messages inside WhatsApp (`user_preferences`). */
export const userPreferenceSchema = z.looseObject({
  wa_id: id.optional(),
  user_id: id.optional(),
  category: z.string(),
  value: z.string(),
  timestamp: unixSeconds,
});

export const userPreferencesValueSchema = z.looseObject({
  metadata: z
    .looseObject({ phone_number_id: id, display_phone_number: z.string().optional() })
    .optional(),
  user_preferences: z.array(z.unknown()),
});

export const accountUpdateSchema = z.looseObject({
  event: z.string(),
  waba_info: z.looseObject({ waba_id: id.optional() }).optional(),
});

// Coexistence (a number shared with the WhatsApp Business app): what the owner sends from the
// app (`smb_message_echoes`), their address book (`smb_app_state_sync`) and the chat history of the
// last 180 days (`history`). Each routes by `metadata.phone_number_id`, like `messages`.

export const coexistenceValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: z.string().optional() }),
  message_echoes: z.array(z.unknown()).optional(),
  state_sync: z.array(z.unknown()).optional(),
  history: z.array(z.unknown()).optional(),
});

/** A message the owner sent from the app: a message's shape, from the business `to` a customer. */
export const messageEchoSchema = inboundMessageSchema.extend({
  to: z.string().regex(/^\+?\d{5,20}$/),
});

/** One address-book change: `add` (added or edited) or `remove`. */
export const stateSyncSchema = z.looseObject({
  type: z.string(),
  contact: z
    .looseObject({
      full_name: z.string().max(1024).optional(),
      first_name: z.string().max(1024).optional(),
      phone_number: z.string().regex(/^\+?\d{5,20}$/),
    })
    .optional(),
  action: z.string(),
  metadata: z.looseObject({ timestamp: unixSeconds.optional() }).optional(),
});

/** One chunk of history: its place in the sync, and the threads (one per customer) it holds. */
export const historyChunkSchema = z.looseObject({
  metadata: z
    .looseObject({
      phase: z.number().int().min(0).max(9).optional(),
      chunk_order: z.number().int().optional(),
      progress: z.number().min(0).max(100).optional(),
    })
    .optional(),
  threads: z
    .array(
      z.looseObject({
        id: z.string().regex(/^\+?\d{5,20}$/),
        messages: z.array(z.unknown()),
      }),
    )
    .optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.number().int(),
        title: z.string().optional(),
        message: z.string().optional(),
      }),
    )
    .optional(),
});

/** A past message: sent by the customer (`from` is the thread) or by the business. */
export const historyMessageSchema = inboundMessageSchema.extend({
  to: z.string().optional(),
  history_context: z
    .looseObject({ status: z.string().optional(), from_me: z.boolean().optional() })
    .optional(),
});

export const changeSchema = z.looseObject({
  field: z.string().min(1).max(128),
  value: z.unknown(),
});
export const entrySchema = z.looseObject({
  id: z.union([id, z.number()]).optional(),
  changes: z.array(z.unknown()),
});
export const envelopeSchema = z.looseObject({
  object: z.string().optional(),
  entry: z.array(z.unknown()),
});

export type Contact = z.infer<typeof contactSchema>;
export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type Status = z.infer<typeof statusSchema>;
export type UserPreference = z.infer<typeof userPreferenceSchema>;
export type MessageEcho = z.infer<typeof messageEchoSchema>;
export type StateSync = z.infer<typeof stateSyncSchema>;
export type HistoryChunk = z.infer<typeof historyChunkSchema>;
export type HistoryMessage = z.infer<typeof historyMessageSchema>;
