import { getDb } from "@/db";
import { skipChatTime } from "@/db/queries/sandbox-time";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { phoneSkipTimeSchema } from "@/lib/validations/sandbox-phone";

export const dynamic = "force-dynamic";

// POST /sandbox/api/phone/skip-time – moves one chat hours into the past (25 by default), on the
// customer's phone and in the app alike, so the business's 24-hour reply window closes
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const skip = phoneSkipTimeSchema.parse(await req.json());
    const db = await getDb();
    const number = await memberSandboxNumber(db, user, skip.phoneNumberId);
    if (!number) return errorResponse("not_found", "No sandbox number with this id.");
    const moved = await skipChatTime(db, skip);
    return Response.json({ hours: skip.hours, ...moved });
  } catch (error) {
    return toErrorResponse(error);
  }
});
