import { getDb } from "@/db";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { currentUser } from "@/lib/auth/session";
import { sandboxRoute } from "@/lib/sandbox/guard";
import { addNumberToSandboxWaba } from "@/lib/sandbox/simulate-signup";
import { sandboxAddNumberSchema } from "@/lib/validations/sandbox-signup";

export const dynamic = "force-dynamic";

// POST /sandbox/api/signup/add-number – a number is added to a WhatsApp Business account after
// signup, as a business would in WhatsApp Manager (sandbox only)
export const POST = sandboxRoute(async (req: Request) => {
  try {
    if (!(await currentUser()))
      return errorResponse("unauthorized", "Sign in to Parley to add a number.");
    const { wabaId } = sandboxAddNumberSchema.parse(await req.json());
    const added = await addNumberToSandboxWaba({ db: await getDb() }, wabaId);
    if (!added)
      return errorResponse(
        "not_found",
        "The sandbox has no WhatsApp Business account with this id.",
      );
    return Response.json(added);
  } catch (error) {
    return toErrorResponse(error);
  }
});
