import type { ThreadMessageJson } from "@/components/inbox/message-json";

let n = 0;

/** A thread message as the browser receives it: a customer's text unless told otherwise. */
export function threadMessage(fields: Partial<ThreadMessageJson> = {}): ThreadMessageJson {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    seq: n,
    direction: "inbound",
    type: "text",
    text: null,
    media: null,
    transcript: null,
    payload: null,
    waMessageId: `wamid.test.${n}`,
    contextWaMessageId: null,
    status: "received",
    errorCode: null,
    errorDetails: null,
    source: null,
    aiModel: null,
    promptTokens: null,
    completionTokens: null,
    costMicros: null,
    knowledge: null,
    createdAt: "2026-05-04T14:05:00.000Z",
    statusAt: null,
    sentBy: null,
    fromBusinessApp: false,
    imported: false,
    ...fields,
  };
}

/** A reply the business sent, delivered unless told otherwise. */
export function outboundMessage(fields: Partial<ThreadMessageJson> = {}): ThreadMessageJson {
  return threadMessage({ direction: "outbound", status: "delivered", source: "human", ...fields });
}
