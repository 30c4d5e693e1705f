import { randomBytes } from "node:crypto";
import { z } from "zod";
import * as q from "@/db/queries/sandbox";
import { deliverWebhook, type SandboxNumberRef } from "./deliver";
import { authorizeNumber, type EmulatorDeps } from "./emulator-auth";
import { metaError } from "./meta-error";

// Coexistence in the emulated Graph API: a number onboarded from the WhatsApp Business app asks
// once for the app's contacts and chat history, which Meta then sends as signed webhooks.

const SYNC_WINDOW_MS = 24 * 60 * 60 * 1000;
const DAY_S = 24 * 60 * 60;
/** Meta's code when the owner declined to share the chat history. */
const HISTORY_DECLINED = 2593109;

const syncBody = z.object({
  messaging_product: z.literal("whatsapp"),
  sync_type: z.enum(["smb_app_state_sync", "history"]),
});

/** The address book and chats every sandbox Business app number comes with. */
export const SANDBOX_APP_CONTACTS = [
  { waId: "254711200301", fullName: "Amina Otieno", firstName: "Amina" },
  { waId: "254711200302", fullName: "Brian Mwangi", firstName: "Brian" },
  { waId: "351912000303", fullName: "Carla Mendes", firstName: "Carla" },
] as const;

/** A webhook of one Coexistence field for one number, in Meta's envelope. */
export function appWebhook(
  number: SandboxNumberRef,
  field: "smb_message_echoes" | "smb_app_state_sync" | "history",
  value: Record<string, unknown>,
) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: number.wabaId ?? "0",
        changes: [
          {
            field,
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

const business = (n: SandboxNumberRef) => (n.displayPhoneNumber ?? "").replace(/\D/g, "");

function contactsWebhook(number: SandboxNumberRef) {
  const now = String(Math.floor(Date.now() / 1000));
  return appWebhook(number, "smb_app_state_sync", {
    state_sync: SANDBOX_APP_CONTACTS.map((c) => ({
      type: "contact",
      contact: { full_name: c.fullName, first_name: c.firstName, phone_number: c.waId },
      action: "add",
      metadata: { timestamp: now },
    })),
  });
}

type Line = { fromMe: boolean; daysAgo: number; text: string };

function thread(number: SandboxNumberRef, waId: string, lines: Line[], seq: { n: number }) {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: waId,
    messages: lines.map((l) => {
      seq.n += 1;
      return {
        from: l.fromMe ? business(number) : waId,
        ...(l.fromMe && { to: waId }),
        // Stable per number: a redelivered chunk names the same messages.
        id: `wamid.HIST${number.phoneNumberId}${String(seq.n).padStart(3, "0")}`,
        timestamp: String(now - Math.round(l.daysAgo * DAY_S)),
        type: "text",
        text: { body: l.text },
        history_context: { status: l.fromMe ? "READ" : "DELIVERED", from_me: l.fromMe },
      };
    }),
  };
}

/** The history as Meta sends it: chunks out of order, each with its phase and overall progress. */
export function historyWebhooks(number: SandboxNumberRef, shared: boolean) {
  if (!shared) {
    return [
      appWebhook(number, "history", {
        history: [
          {
            errors: [
              {
                code: HISTORY_DECLINED,
                title: "History sync is turned off by the business",
                message: "History sync is turned off by the business",
              },
            ],
          },
        ],
      }),
    ];
  }
  const seq = { n: 0 };
  const [amina, brian] = SANDBOX_APP_CONTACTS;
  const recent = thread(
    number,
    amina.waId,
    [
      { fromMe: false, daysAgo: 0.5, text: "Hello, do you deliver to Westlands?" },
      { fromMe: true, daysAgo: 0.45, text: "Yes, every day before noon." },
      { fromMe: false, daysAgo: 0.4, text: "Great, thank you!" },
    ],
    seq,
  );
  const older = thread(
    number,
    brian.waId,
    [
      { fromMe: false, daysAgo: 20, text: "Is the chocolate cake available on Saturday?" },
      { fromMe: true, daysAgo: 19.9, text: "It is. Shall I keep one for you?" },
    ],
    seq,
  );
  return [
    appWebhook(number, "history", {
      history: [{ metadata: { phase: 1, chunk_order: 2, progress: 50 }, threads: [older] }],
    }),
    appWebhook(number, "history", {
      history: [{ metadata: { phase: 0, chunk_order: 1, progress: 100 }, threads: [recent] }],
    }),
  ];
}

/** POST /{phone-number-id}/smb_app_data: once per kind, within 24 hours of the onboarding. */
export async function appDataSync(
  req: Request,
  phoneNumberId: string,
  deps: EmulatorDeps,
): Promise<Response> {
  const number = await authorizeNumber(req, phoneNumberId, deps);
  if (number instanceof Response) return number;
  const body = syncBody.safeParse(await req.json().catch(() => null));
  if (!body.success) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      "sync_type must be smb_app_state_sync or history",
    );
  }
  const account = await q.getSandboxAccount(deps.db, phoneNumberId);
  if (!account?.businessAppAt) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      "This phone number was not onboarded from the WhatsApp Business app",
    );
  }
  if (Date.now() - account.businessAppAt.getTime() > SYNC_WINDOW_MS) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      "Synchronization is only available within 24 hours of onboarding",
    );
  }
  const kind = body.data.sync_type === "history" ? "history" : "contacts";
  if (!(await q.markSandboxSynced(deps.db, { phoneNumberId, kind }))) {
    return metaError(400, 100, "Invalid parameter", "Synchronization was already requested");
  }
  const payloads =
    kind === "contacts"
      ? [contactsWebhook(number)]
      : historyWebhooks(number, account.historyShared);
  deps.later(async () => {
    for (const payload of payloads) {
      await deliverWebhook(deps.appUrl, deps.app.appSecret, payload);
    }
  });
  return Response.json({
    messaging_product: "whatsapp",
    request_id: randomBytes(12).toString("hex"),
  });
}
