import type { getSentMessage } from "@/db/queries/start-message";
import { ApiError, type ApiErrorCode } from "@/lib/api/errors";
import { rateLimited } from "@/lib/api/rate-limit";
import type { SendMessageBody } from "@/lib/validations/message";
import type { MessageContent, MessageRecipient, StartRefusal } from "./start-message";

type SentMessage = NonNullable<Awaited<ReturnType<typeof getSentMessage>>>;

/** A message as `POST /api/v1/messages` answers it. */
export function messageResource(m: SentMessage) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    contactId: m.contactId,
    direction: m.direction,
    type: m.type,
    text: m.text,
    status: m.status,
    source: m.source,
    waMessageId: m.waMessageId,
    error: m.errorCode === null ? null : { code: m.errorCode, details: m.errorDetails },
    createdAt: m.createdAt.toISOString(),
  };
}

/** The recipient and content a request body names. */
export function messageRequest(body: SendMessageBody): {
  to: MessageRecipient;
  content: MessageContent;
} {
  const to: MessageRecipient = body.contactId
    ? { contactId: body.contactId }
    : { phone: body.to ?? "" };
  const content: MessageContent = body.template
    ? { kind: "template", ...body.template }
    : { kind: "text", text: body.text ?? "" };
  return { to, content };
}

const CODES: Record<string, ApiErrorCode> = {
  not_found: "not_found",
  invalid_phone: "bad_request",
  opted_out: "contact_opted_out",
  window_closed: "window_closed",
  number_unavailable: "number_unavailable",
  templates_unavailable: "bad_gateway",
  template_not_found: "template_not_found",
  template_not_approved: "template_not_found",
  invalid_template_parameters: "invalid_template_parameters",
  service_unavailable: "service_unavailable",
};

/** A refused send as the API's error. */
export function sendRefusalToApiError(refusal: StartRefusal): ApiError {
  if (refusal.code === "queue_full") {
    return rateLimited(refusal.message, refusal.retryAfterSeconds ?? 1);
  }
  return new ApiError(CODES[refusal.code] ?? "unprocessable_entity", refusal.message);
}
