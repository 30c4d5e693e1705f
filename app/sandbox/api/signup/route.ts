import { getDb } from "@/db";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { getKeyring } from "@/lib/crypto";
import { mayReauthorizeSandboxNumber } from "@/lib/sandbox/may-reauthorize";
import { signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { simulateSignup } from "@/lib/sandbox/simulate-signup";
import { sandboxSignupSchema } from "@/lib/validations/sandbox-signup";

export const dynamic = "force-dynamic";

// POST /sandbox/api/signup – the simulated Embedded Signup finishes: the account exists at
// "Meta" and a 30-second code for its token goes back to the popup (sandbox only)
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const input = sandboxSignupSchema.parse(await req.json());
    const db = await getDb();
    if (
      input.phoneNumberId &&
      !(await mayReauthorizeSandboxNumber(db, {
        userId: user.id,
        phoneNumberId: input.phoneNumberId,
      }))
    ) {
      return errorResponse("not_found", "The sandbox has no number with this id.");
    }
    const result = await simulateSignup({ db, keyring: getKeyring() }, input);
    if (!result) return errorResponse("not_found", "The sandbox has no number with this id.");
    return Response.json(result);
  } catch (error) {
    return toErrorResponse(error);
  }
});
