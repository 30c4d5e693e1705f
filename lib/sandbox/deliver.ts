import { signPayload } from "@/lib/whatsapp/signature";

/** Delivers a webhook to the app as Meta does: JSON over HTTP, signed with the app secret. */
export async function deliverWebhook(
  appUrl: string,
  appSecret: string,
  payload: unknown,
): Promise<Response> {
  // Meta sends non-ASCII as \u escapes; so does the sandbox, to exercise the same signature path.
  const raw = JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return fetch(`${appUrl}/api/webhooks/whatsapp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signPayload(raw, appSecret),
    },
    body: raw,
    signal: AbortSignal.timeout(10_000),
  });
}

export type SandboxNumberRef = {
  phoneNumberId: string;
  wabaId: string | null;
  displayPhoneNumber: string | null;
};

/** A `messages` webhook for one sandbox number, in Meta's envelope. */
export function messagesWebhook(number: SandboxNumberRef, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: number.wabaId ?? "0",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: number.displayPhoneNumber ?? "",
                phone_number_id: number.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export type SandboxPricing = {
  billable: boolean;
  pricing_model: "PMP";
  type: "regular" | "free_customer_service";
  category: string;
};

/**
 * What Meta charges for a send, as its status webhooks say (per-message pricing): a free-form
 * message goes inside the customer-service window for free; a template is charged in its category,
 * except a utility template inside an open window, which is free.
 */
export function sandboxPricing(
  templateCategory: string | null,
  windowOpen: boolean,
): SandboxPricing {
  const category = templateCategory?.toLowerCase() ?? "service";
  const free = category === "service" || (category === "utility" && windowOpen);
  return {
    billable: !free,
    pricing_model: "PMP",
    type: free ? "free_customer_service" : "regular",
    category,
  };
}

export function statusPayload(
  number: SandboxNumberRef,
  s: {
    wamid: string;
    status: string;
    customer: string;
    errorCode?: number;
    details?: string;
    /** The send's biz_opaque_callback_data, which Meta echoes in every status of the message. */
    callbackData?: string;
    pricing?: SandboxPricing;
  },
) {
  return messagesWebhook(number, {
    statuses: [
      {
        id: s.wamid,
        status: s.status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        // A customer known by user id only is named as Meta names them, never as a phone.
        ...(/^[A-Z]{2}\./.test(s.customer)
          ? { recipient_user_id: s.customer }
          : { recipient_id: s.customer }),
        ...(s.callbackData !== undefined && { biz_opaque_callback_data: s.callbackData }),
        ...(s.pricing && { pricing: s.pricing }),
        ...(s.errorCode && {
          errors: [
            {
              code: s.errorCode,
              title: s.details ?? "Failed",
              message: s.details ?? "Failed",
              error_data: { details: s.details ?? "" },
            },
          ],
        }),
      },
    ],
  });
}
