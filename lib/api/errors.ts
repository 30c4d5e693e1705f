import type { z } from "zod";
import { isPasswordHashBusy } from "@/lib/crypto/password";
import { hasBrand, setBrand } from "@/lib/errors/brand";
import { log } from "@/lib/log";

const STATUS = {
  bad_request: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_in_use: 409,
  number_unavailable: 409,
  payload_too_large: 413,
  unprocessable_entity: 422,
  idempotency_key_reused: 422,
  contact_opted_out: 422,
  window_closed: 422,
  template_not_found: 422,
  template_unsupported: 422,
  invalid_template_parameters: 422,
  rate_limited: 429,
  internal_error: 500,
  bad_gateway: 502,
  service_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof STATUS;

// The one error type for expected failures at the HTTP boundary.
export class ApiError extends Error {
  override name = "ApiError";
  readonly code: ApiErrorCode;
  /** Headers the answer carries besides the error, such as `Retry-After`. */
  readonly headers: Record<string, string> | undefined;
  constructor(code: ApiErrorCode, message: string, headers?: Record<string, string>) {
    super(message);
    setBrand(this, "ApiError");
    this.code = code;
    this.headers = headers;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function errorResponse(code: ApiErrorCode, message: string, init?: ResponseInit): Response {
  return Response.json({ error: { code, message } }, { ...init, status: STATUS[code] });
}

export const isApiError = (error: unknown): error is ApiError => hasBrand(error, "ApiError");

// zod may be bundled more than once too; its errors are recognised by their name and issues.
const isZodError = (error: unknown): error is z.ZodError =>
  error instanceof Error &&
  error.name === "ZodError" &&
  Array.isArray((error as z.ZodError).issues);

export function toErrorResponse(error: unknown): Response {
  if (isApiError(error)) {
    return errorResponse(error.code, error.message, error.headers && { headers: error.headers });
  }
  // A route that hashes a password while the hash queue is full: come back in a few seconds.
  if (isPasswordHashBusy(error)) {
    return errorResponse("rate_limited", error.message, {
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    });
  }
  if (isZodError(error)) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return errorResponse("bad_request", `${where}${first?.message ?? "invalid request"}`);
  }
  log.error({ err: error }, "Unhandled error in route handler");
  return errorResponse("internal_error", "Something went wrong on our side. Please try again.");
}
