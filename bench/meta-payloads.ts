import { createHash } from "node:crypto";
import { envelope, messagesChange, status } from "@/lib/testing/webhook-payloads";

// Status webhooks as Meta sends them for a message Parley sent, for the Meta stub and for the
// status-ingest benchmark alike.

export const BENCH_WABA_ID = "102290129340398";

export type SentMessage = {
  wamid: string;
  phoneNumberId: string;
  to: string;
  callbackData: string | null;
};

export type StatusState = "sent" | "delivered" | "read";

// The conversation Meta bills a reply under: one per business number and customer.
const conversationId = (m: SentMessage) =>
  createHash("sha256").update(`${m.phoneNumberId}:${m.to}`).digest("hex").slice(0, 32);

const pricing = {
  billable: false,
  pricing_model: "PMP",
  category: "service",
  type: "free_customer_service",
};

/** One status of one message, alone in its delivery (the body to sign and POST). */
export function statusDelivery(m: SentMessage, state: StatusState, at = new Date()): string {
  return JSON.stringify(
    envelope({
      wabaId: BENCH_WABA_ID,
      changes: [
        messagesChange(m.phoneNumberId, {
          statuses: [
            {
              ...status(m.wamid, state, at),
              recipient_id: m.to.replace(/^\+/, ""),
              ...(m.callbackData && { biz_opaque_callback_data: m.callbackData }),
              conversation: {
                id: conversationId(m),
                ...(state === "sent" && {
                  expiration_timestamp: String(Math.floor(at.getTime() / 1000) + 24 * 3600),
                }),
                origin: { type: "service" },
              },
              // On "sent" and on one of delivered/read, as Meta does.
              ...(state !== "read" && { pricing }),
            },
          ],
        }),
      ],
    }),
  );
}
