import { z } from "zod";

const base = {
  phoneNumberId: z.string().regex(/^\d{5,25}$/),
  customer: z
    .string()
    .regex(/^\d{7,15}$/, "Use digits only, with the country code, e.g. 254712345678"),
  name: z.string().trim().max(60).optional(),
};

// What the simulated phone can send, as a customer would on WhatsApp.
export const phoneSendSchema = z.discriminatedUnion("kind", [
  z.object({
    ...base,
    kind: z.literal("text"),
    text: z.string().trim().min(1).max(4096),
    replyTo: z.string().optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    label: z.string().max(100).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("reaction"),
    messageId: z.string().min(1),
    emoji: z.string().max(16),
  }),
  z.object({
    ...base,
    kind: z.literal("button"),
    messageId: z.string().min(1),
    id: z.string().min(1),
    title: z.string().min(1),
  }),
  z.object({
    ...base,
    kind: z.literal("list"),
    messageId: z.string().min(1),
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("image"),
    mediaId: z.string().min(1),
    mimeType: z.string(),
    sha256: z.string(),
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal("document"),
    mediaId: z.string().min(1),
    mimeType: z.string(),
    sha256: z.string(),
    filename: z.string().max(240),
    caption: z.string().max(1024).optional(),
  }),
  // A voice note recorded in the chat (`voice`), or an audio file the customer shared.
  z.object({
    ...base,
    kind: z.literal("audio"),
    mediaId: z.string().min(1),
    mimeType: z.string(),
    sha256: z.string(),
    voice: z.boolean(),
  }),
  z.object({
    ...base,
    kind: z.literal("order"),
    catalogId: z.string().min(1),
    items: z
      .array(
        z.object({
          retailerId: z.string().min(1),
          quantity: z.number().int().min(1).max(999),
          itemPrice: z.number().min(0),
          currency: z.string().regex(/^[A-Z]{3}$/),
        }),
      )
      .min(1, "Add at least one product to the cart"),
    text: z.string().max(1024).optional(),
  }),
]);

export type PhoneSend = z.infer<typeof phoneSendSchema>;

export const phoneThreadSchema = z.object({
  phoneNumberId: base.phoneNumberId,
  customer: base.customer,
});

// Moves one chat into the past, so the 24-hour window can be seen closing without waiting a day.
export const phoneSkipTimeSchema = phoneThreadSchema.extend({
  hours: z.number().int().min(1).max(240).default(25),
});

/** The owner writes to a customer from the WhatsApp Business app (a Coexistence number). */
export const businessAppSendSchema = z.object({
  phoneNumberId: base.phoneNumberId,
  customer: base.customer,
  text: z.string().trim().min(1, "Write the message first.").max(4096),
});
