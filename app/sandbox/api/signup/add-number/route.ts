import { getDb } from "@/db";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { mayManageSandboxWaba } from "@/lib/sandbox/may-reauthorize";
import { signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { addNumberToSandboxWaba } from "@/lib/sandbox/simulate-signup";
import { sandboxAddNumberSchema } from "@/lib/validations/sandbox-signup";

export const dynamic = "force-dynamic";

const UNKNOWN_WABA = "The sandbox has no WhatsApp Business account with this id.";

// POST /sandbox/api/signup/add-number – a number is added to a WhatsApp Business account after
// signup, as a business would in WhatsApp Manager (sandbox only). Another workspace's account
// answers as an unknown one.
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const { wabaId } = sandboxAddNumberSchema.parse(await req.json());
    const db = await getDb();
    if (!(await mayManageSandboxWaba(db, { userId: user.id, wabaId })))
      return errorResponse("not_found", UNKNOWN_WABA);
    const added = await addNumberToSandboxWaba({ db }, wabaId);
    if (!added) return errorResponse("not_found", UNKNOWN_WABA);
    return Response.json(added);
  } catch (error) {
    return toErrorResponse(error);
  }
});
