import { z } from "zod";

// The browser side of Embedded Signup: which windows may talk to us, and what they said.
// Pure, so it runs in the browser and in unit tests alike.

/**
 * Facebook's own windows (https, facebook.com or a subdomain, by parsed hostname, so that
 * evilfacebook.com and facebook.com.evil.io fail), plus exactly one extra origin (the app's own,
 * where the sandbox's simulated signup runs).
 */
export function isTrustedSignupOrigin(origin: string, allowedExtraOrigin?: string): boolean {
  if (allowedExtraOrigin && origin !== "null" && origin === allowedExtraOrigin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.port !== "" || url.origin !== origin) return false;
  return url.hostname === "facebook.com" || url.hostname.endsWith(".facebook.com");
}

export type SignupMessage =
  | {
      kind: "finish";
      event: string;
      wabaId: string;
      phoneNumberId?: string;
      businessId?: string;
    }
  | { kind: "cancel"; step?: string }
  | { kind: "error"; message: string; code?: string; sessionId?: string };

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const optional = text.optional().catch(undefined);
const id = text
  .pipe(z.string().regex(/^\d{1,32}$/))
  .optional()
  .catch(undefined);

const envelope = z.looseObject({
  type: z.literal("WA_EMBEDDED_SIGNUP"),
  event: z.string(),
  data: z.unknown().optional(),
});
const payload = z
  .looseObject({
    phone_number_id: id,
    waba_id: id,
    waba_ids: z.array(id).optional().catch(undefined),
    business_id: id,
    current_step: optional,
    error_message: optional,
    error_code: optional,
    error_id: optional,
    session_id: optional,
  })
  .catch({});

function asObject(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/**
 * Reads a `message` event's data as Meta's WA_EMBEDDED_SIGNUP (v2, v3 and v4 shapes; a JSON
 * string or an object). Anything else, including the SDK's own chatter, is null.
 */
export function parseSignupMessage(data: unknown): SignupMessage | null {
  const parsed = envelope.safeParse(asObject(data));
  if (!parsed.success) return null;
  const { event } = parsed.data;
  const d = payload.parse(asObject(parsed.data.data) ?? {});
  const error = (message: string | undefined): SignupMessage => ({
    kind: "error",
    message: message || "Facebook did not say what went wrong.",
    ...((d.error_code ?? d.error_id) && { code: d.error_code ?? d.error_id }),
    ...(d.session_id && { sessionId: d.session_id }),
  });
  if (event === "ERROR") return error(d.error_message);
  // Current docs report a person's "report a problem" as a CANCEL carrying the error.
  if (event === "CANCEL") {
    return d.error_message
      ? error(d.error_message)
      : { kind: "cancel", ...(d.current_step && { step: d.current_step }) };
  }
  if (!event.startsWith("FINISH")) return null;
  const wabaId = d.waba_id ?? d.waba_ids?.find((w) => w !== undefined);
  if (!wabaId) return null;
  return {
    kind: "finish",
    event,
    wabaId,
    ...(event !== "FINISH_ONLY_WABA" && d.phone_number_id && { phoneNumberId: d.phone_number_id }),
    ...(d.business_id && { businessId: d.business_id }),
  };
}
