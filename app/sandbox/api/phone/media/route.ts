import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { insertSandboxMedia } from "@/db/queries/sandbox";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";

export const dynamic = "force-dynamic";

const MAX_IMAGE = 5 * 1024 * 1024;

// POST /sandbox/api/phone/media – an image the customer attaches, kept as Meta keeps media
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const form = await req.formData();
    const file = form.get("file");
    const phoneNumberId = String(form.get("phoneNumberId") ?? "");
    if (!(file instanceof File)) return errorResponse("bad_request", "Attach an image file.");
    if (!["image/jpeg", "image/png"].includes(file.type))
      return errorResponse("bad_request", "WhatsApp accepts JPEG or PNG images.");
    if (file.size > MAX_IMAGE)
      return errorResponse("payload_too_large", "Images may be at most 5 MB.");
    const db = await getDb();
    if (!(await memberSandboxNumber(db, user, phoneNumberId)))
      return errorResponse("not_found", "No sandbox number with this id.");
    const bytes = Buffer.from(await file.arrayBuffer());
    const id = randomBytes(8).readBigUInt64BE().toString();
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    await insertSandboxMedia(db, { id, phoneNumberId, mimeType: file.type, sha256, bytes });
    return Response.json({ mediaId: id, mimeType: file.type, sha256 });
  } catch (error) {
    return toErrorResponse(error);
  }
});
