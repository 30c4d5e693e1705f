import { z } from "zod";
import { OUTGOING_EVENTS } from "@/db/schema/outgoing-webhooks";

/** What each event means, for the form and the reference. */
export const EVENT_LABELS: Record<(typeof OUTGOING_EVENTS)[number], string> = {
  "message.received": "A customer's message arrived",
  "message.sent": "A reply went out (bot or person)",
  "message.status": "A sent message was delivered, read or failed",
  "conversation.handed_off": "A conversation was handed to a person",
  "conversation.closed": "A conversation was closed",
  "contact.opted_out": "A customer opted out (STOP)",
};

export const webhookEndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the address Parley should post events to.")
    .max(2_000, "Use an address of at most 2,000 characters.")
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: "Enter a full address, like https://example.com/parley.",
      }),
    ),
  events: z
    .array(z.enum(OUTGOING_EVENTS, { error: "Unknown event." }))
    .min(1, "Choose at least one event.")
    .transform((list) => [...new Set(list)]),
});

export type WebhookEndpointInput = z.output<typeof webhookEndpointSchema>;

export const webhookIdSchema = z.object({ id: z.uuid("This endpoint does not exist.") });
export const webhookEnabledSchema = webhookIdSchema.extend({ enabled: z.boolean() });
