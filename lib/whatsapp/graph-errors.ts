import { z } from "zod";
import { hasBrand, setBrand } from "@/lib/errors/brand";

// What the caller should do about a failed Graph call (notes/meta-whatsapp-api.md §C.3).
export type GraphErrorKind =
  | "retryable" // transient: try again after `retryAfterMs`
  | "reauth" // the token is invalid or lacks permission: the channel needs re-authorization
  | "window_closed" // 131047: more than 24 hours since the customer wrote; only templates
  | "undeliverable" // 131026: not a WhatsApp user, or blocked
  | "template" // the template is missing, paused or its parameters are wrong
  | "unregistered" // 133010: the number is not registered for the Cloud API; register, then resend
  | "permanent"; // a bad request or a state only a person can fix

export const graphErrorBody = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

const RETRYABLE = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 131057]);
const TEMPLATE = new Set([132000, 132001, 132005, 132007, 132008, 132012, 132015, 132016]);

// Seconds Meta suggests, or our own backoff where it suggests none.
function suggestedWait(code: number, attempt: number): number {
  if (code === 131056) return 4 ** (attempt + 1) * 1000; // pair rate: 4, 16, 64 s
  if (code === 131057) return 60_000; // account maintenance: about a minute
  if (code === 4 || code === 80007) return 60_000 * (attempt + 1);
  return Math.min(30_000, 500 * 2 ** attempt);
}

export function classify(code: number, httpStatus: number): GraphErrorKind {
  if (RETRYABLE.has(code)) return "retryable";
  if (code === 0 || code === 190 || code === 3 || code === 10 || (code >= 200 && code <= 299))
    return "reauth";
  if (code === 131047) return "window_closed";
  if (code === 131026) return "undeliverable";
  if (code === 133010) return "unregistered";
  if (TEMPLATE.has(code)) return "template";
  if (httpStatus >= 500) return "retryable";
  return "permanent";
}

/** One error type for every Graph failure: Meta's code, details and trace id, and what to do. */
export class GraphError extends Error {
  override name = "GraphError";
  readonly code: number;
  readonly httpStatus: number;
  readonly details: string | null;
  readonly fbtraceId: string | null;
  readonly subcode: number | null;
  /** Meta's own sentence for a person (template calls give one), when it sent it. */
  readonly userMessage: string | null;
  readonly kind: GraphErrorKind;
  readonly retryAfterMs: number | null;
  /** A send that got no answer may have reached WhatsApp anyway; resending could duplicate it. */
  maybeSent = false;

  constructor(init: {
    code: number;
    httpStatus: number;
    message: string;
    details?: string | null;
    fbtraceId?: string | null;
    subcode?: number | null;
    userMessage?: string | null;
    attempt?: number;
    kind?: GraphErrorKind;
  }) {
    super(init.message);
    setBrand(this, "GraphError");
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.details = init.details ?? null;
    this.fbtraceId = init.fbtraceId ?? null;
    this.subcode = init.subcode ?? null;
    this.userMessage = init.userMessage ?? null;
    this.kind = init.kind ?? classify(init.code, init.httpStatus);
    this.retryAfterMs =
      this.kind === "retryable" ? suggestedWait(init.code, init.attempt ?? 0) : null;
  }

  get retryable(): boolean {
    return this.kind === "retryable";
  }

  static fromResponse(httpStatus: number, body: unknown, attempt = 0): GraphError {
    const parsed = graphErrorBody.safeParse(body);
    if (!parsed.success) {
      return new GraphError({
        code: -1,
        httpStatus,
        message: `Graph API answered HTTP ${httpStatus}`,
        attempt,
      });
    }
    const e = parsed.data.error;
    return new GraphError({
      code: e.code,
      httpStatus,
      message: e.message ?? `Graph API error ${e.code}`,
      details: e.error_data?.details ?? null,
      fbtraceId: e.fbtrace_id ?? null,
      subcode: e.error_subcode ?? null,
      userMessage:
        [e.error_user_title, e.error_user_msg].filter((part) => part?.trim()).join(": ") || null,
      attempt,
    });
  }

  /** No answer at all (timeout, refused connection): worth retrying unless a send may have landed. */
  static network(cause: unknown, attempt = 0): GraphError {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new GraphError({
      code: -2,
      httpStatus: 0,
      message: `Graph API unreachable: ${message}`,
      attempt,
      kind: "retryable",
    });
  }
}

/** Recognises a Graph failure from any bundle's copy of this module (never use `instanceof`). */
export function isGraphError(error: unknown): error is GraphError {
  return hasBrand(error, "GraphError");
}
