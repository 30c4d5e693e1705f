import { getDb } from "@/db";
import { insertSandboxMessage, setSandboxStatus } from "@/db/queries/sandbox";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { deliverWebhook } from "@/lib/sandbox/deliver";
import { newWamid } from "@/lib/sandbox/meta-error";
import { inboundPayload, phoneMessage } from "@/lib/sandbox/phone-payload";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { phoneSendSchema } from "@/lib/validations/sandbox-phone";

export const dynamic = "force-dynamic";

// POST /sandbox/api/phone/send – the simulated customer sends a message; it reaches the app's
// real webhook exactly as Meta would deliver it
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const send = phoneSendSchema.parse(await req.json());
    const db = await getDb();
    const number = await memberSandboxNumber(db, user, send.phoneNumberId);
    if (!number) return errorResponse("not_found", "No sandbox number with this id.");
    const wamid = newWamid();
    const { type, content } = phoneMessage(send);
    await insertSandboxMessage(db, {
      phoneNumberId: send.phoneNumberId,
      customer: send.customer,
      direction: "from_customer",
      wamid,
      type,
      body: content,
      status: "sent",
    });
    const res = await deliverWebhook(
      getEnv().appUrl,
      getEnv().meta.appSecret,
      inboundPayload(number, send, wamid),
    );
    if (!res.ok) {
      return errorResponse(
        "service_unavailable",
        `The app's webhook answered ${res.status}; Meta would retry.`,
      );
    }
    // Accepted by the business's webhook: delivered, as far as the customer's phone can tell.
    await setSandboxStatus(db, { wamids: [wamid], status: "delivered" });
    return Response.json({ wamid });
  } catch (error) {
    return toErrorResponse(error);
  }
});
