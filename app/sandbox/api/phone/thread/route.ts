import { getDb } from "@/db";
import { listSandboxNumbers, listSandboxThread } from "@/db/queries/sandbox";
import { toErrorResponse } from "@/lib/api/errors";
import { sandboxRoute } from "@/lib/sandbox/guard";
import { phoneThreadSchema } from "@/lib/validations/sandbox-phone";

export const dynamic = "force-dynamic";

// GET /sandbox/api/phone/thread – what the simulated phone shows for one business number
export const GET = sandboxRoute(async (req: Request) => {
  try {
    const params = Object.fromEntries(new URL(req.url).searchParams);
    const db = await getDb();
    if (!params.phoneNumberId) return Response.json({ numbers: await listSandboxNumbers(db) });
    const { phoneNumberId, customer } = phoneThreadSchema.parse(params);
    const messages = await listSandboxThread(db, { phoneNumberId, customer });
    return Response.json({ messages });
  } catch (error) {
    return toErrorResponse(error);
  }
});
