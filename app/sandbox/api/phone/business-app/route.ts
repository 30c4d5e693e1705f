import { getDb } from "@/db";
import { getSandboxAccount, insertSandboxMessage } from "@/db/queries/sandbox";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { deliverWebhook } from "@/lib/sandbox/deliver";
import { appWebhook } from "@/lib/sandbox/emulator-coexistence";
import { newWamid } from "@/lib/sandbox/meta-error";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { businessAppSendSchema } from "@/lib/validations/sandbox-phone";

export const dynamic = "force-dynamic";

// POST /sandbox/api/phone/business-app – the owner answers a customer from the WhatsApp Business
// app on their phone: the customer gets it, and Parley hears of it as Meta tells it, with a signed
// smb_message_echoes webhook (sandbox only)
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const send = businessAppSendSchema.parse(await req.json());
    const db = await getDb();
    const number = await memberSandboxNumber(db, user, send.phoneNumberId);
    if (!number) return errorResponse("not_found", "No sandbox number with this id.");
    const account = await getSandboxAccount(db, send.phoneNumberId);
    if (!account?.businessAppAt) {
      return errorResponse(
        "conflict",
        "This number is not in the WhatsApp Business app: connect it with the option “I already use this number in the WhatsApp Business app”.",
      );
    }
    const wamid = newWamid();
    await insertSandboxMessage(db, {
      phoneNumberId: send.phoneNumberId,
      customer: send.customer,
      direction: "to_customer",
      wamid,
      type: "text",
      body: { text: { body: send.text } },
      status: "delivered",
    });
    const env = getEnv();
    const res = await deliverWebhook(
      env.appUrl,
      env.meta.appSecret,
      appWebhook(number, "smb_message_echoes", {
        message_echoes: [
          {
            from: (number.displayPhoneNumber ?? "").replace(/\D/g, ""),
            to: send.customer,
            id: wamid,
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: "text",
            text: { body: send.text },
          },
        ],
      }),
    );
    if (!res.ok) {
      return errorResponse(
        "service_unavailable",
        `The app's webhook answered ${res.status}; Meta would retry.`,
      );
    }
    return Response.json({ wamid });
  } catch (error) {
    return toErrorResponse(error);
  }
});
