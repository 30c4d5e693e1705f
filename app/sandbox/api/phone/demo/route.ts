import { getDb } from "@/db";
import { toErrorResponse } from "@/lib/api/errors";
import { getKeyring } from "@/lib/crypto";
import { sandboxAccessToken, sandboxDisplayNumber, sandboxId } from "@/lib/sandbox/ids";
import { signedInSandboxRoute } from "@/lib/sandbox/signed-in";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";

export const dynamic = "force-dynamic";

// POST /sandbox/api/phone/demo – a demo business with a sandbox number, through the same import
// path operators use, so the phone works with no setup at all. The person who asked owns it: it
// is theirs to see on the phone and in Parley, and nobody else's.
export const POST = signedInSandboxRoute(async (user, _req: Request) => {
  try {
    const file = validateTenantImport({
      workspaces: [
        {
          name: "Demo Coffee Shop",
          whatsapp: {
            phoneNumberId: sandboxId(),
            wabaId: sandboxId(),
            displayPhoneNumber: sandboxDisplayNumber(),
            accessToken: sandboxAccessToken(),
          },
          faqs: [
            {
              question: "What are your opening hours?",
              answer: "Every day, 7am to 7pm.",
              keywords: ["hours", "open"],
            },
          ],
        },
      ],
    });
    if (!file.ok) throw new Error("The demo business is invalid");
    const [created] = await importTenants(await getDb(), file.data, {
      keyring: getKeyring(),
      ownerId: user.id,
    });
    return Response.json({ phoneNumberId: created?.phoneNumberId });
  } catch (error) {
    return toErrorResponse(error);
  }
});
