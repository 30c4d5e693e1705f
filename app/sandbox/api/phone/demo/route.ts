import { randomBytes, randomInt } from "node:crypto";
import { getDb } from "@/db";
import { toErrorResponse } from "@/lib/api/errors";
import { getKeyring } from "@/lib/crypto";
import { sandboxRoute } from "@/lib/sandbox/guard";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";

export const dynamic = "force-dynamic";

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");

// POST /sandbox/api/phone/demo – a demo business with a sandbox number, through the same import
// path operators use, so the phone works with no setup at all
export const POST = sandboxRoute(async () => {
  try {
    const file = validateTenantImport({
      workspaces: [
        {
          name: "Demo Coffee Shop",
          whatsapp: {
            phoneNumberId: `1${digits(14)}`,
            wabaId: `1${digits(14)}`,
            displayPhoneNumber: `+1 555 ${digits(3)} ${digits(4)}`,
            accessToken: `EAAG${randomBytes(24).toString("base64url")}`,
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
    const [created] = await importTenants(await getDb(), file.data, { keyring: getKeyring() });
    return Response.json({ phoneNumberId: created?.phoneNumberId });
  } catch (error) {
    return toErrorResponse(error);
  }
});
