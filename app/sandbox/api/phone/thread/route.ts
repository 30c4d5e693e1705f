import { getDb } from "@/db";
import { listMemberSandboxNumbers, listSandboxThread } from "@/db/queries/sandbox";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { catalogItemsShown } from "@/lib/sandbox/phone-catalog";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { phoneThreadSchema } from "@/lib/validations/sandbox-phone";

export const dynamic = "force-dynamic";

// GET /sandbox/api/phone/thread – what the simulated phone shows for one business number of the
// signed-in person's workspaces (without one: the list of those numbers)
export const GET = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const params = Object.fromEntries(new URL(req.url).searchParams);
    const db = await getDb();
    if (!params.phoneNumberId)
      return Response.json({ numbers: await listMemberSandboxNumbers(db, user.id) });
    const { phoneNumberId, customer } = phoneThreadSchema.parse(params);
    if (!(await memberSandboxNumber(db, user, phoneNumberId)))
      return errorResponse("not_found", "No sandbox number with this id.");
    const messages = await listSandboxThread(db, { phoneNumberId, customer });
    // The phone shows a product message's items from the catalog, as WhatsApp does.
    return Response.json({ messages, products: await catalogItemsShown(db, messages) });
  } catch (error) {
    return toErrorResponse(error);
  }
});
