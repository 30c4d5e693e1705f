import { getDb } from "@/db";
import { listUnreadToCustomer, setSandboxStatus } from "@/db/queries/sandbox";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { deliverWebhook, statusPayload } from "@/lib/sandbox/deliver";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { phoneThreadSchema } from "@/lib/validations/sandbox-phone";

export const dynamic = "force-dynamic";

// POST /sandbox/api/phone/read – the customer has seen the business's messages: read receipts
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const { phoneNumberId, customer } = phoneThreadSchema.parse(await req.json());
    const db = await getDb();
    const number = await memberSandboxNumber(db, user, phoneNumberId);
    if (!number) return errorResponse("not_found", "No sandbox number with this id.");
    const unread = await listUnreadToCustomer(db, { phoneNumberId, customer });
    await setSandboxStatus(db, { wamids: unread.map((m) => m.wamid), status: "read" });
    for (const { wamid, callbackData } of unread) {
      await deliverWebhook(
        getEnv().appUrl,
        getEnv().meta.appSecret,
        statusPayload(number, {
          wamid,
          status: "read",
          customer,
          callbackData: callbackData ?? undefined,
        }),
      );
    }
    return Response.json({ read: unread.length });
  } catch (error) {
    return toErrorResponse(error);
  }
});
