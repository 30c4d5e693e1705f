import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { getSandboxMedia, insertSandboxMedia } from "@/db/queries/sandbox";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { mediaKindOf, SANDBOX_MEDIA_RULES } from "@/lib/sandbox/media-rules";
import { memberSandboxNumber, signedInSandboxRoute } from "@/lib/sandbox/signed-in";

export const dynamic = "force-dynamic";

// POST /sandbox/api/phone/media – a photo, document or audio the customer attaches, kept as Meta
// keeps media; `kind` says which the phone is sending, and WhatsApp's limits for it apply.
export const POST = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const form = await req.formData();
    const file = form.get("file");
    const phoneNumberId = String(form.get("phoneNumberId") ?? "");
    const kind = mediaKindOf(String(form.get("kind") ?? "image"));
    if (!kind) return errorResponse("bad_request", "Send a photo, a document or audio.");
    const rule = SANDBOX_MEDIA_RULES[kind];
    if (!(file instanceof File)) return errorResponse("bad_request", `Attach ${rule.noun}.`);
    // Browsers add parameters ("audio/webm;codecs=opus"); WhatsApp names the bare type.
    const mimeType = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!(rule.types as readonly string[]).includes(mimeType))
      return errorResponse("bad_request", rule.wrongType);
    if (file.size > rule.maxBytes)
      return errorResponse(
        "payload_too_large",
        `WhatsApp takes ${rule.noun} of at most ${rule.maxBytes / (1024 * 1024)} MB.`,
      );
    const db = await getDb();
    if (!(await memberSandboxNumber(db, user, phoneNumberId)))
      return errorResponse("not_found", "No sandbox number with this id.");
    const bytes = Buffer.from(await file.arrayBuffer());
    const id = randomBytes(8).readBigUInt64BE().toString();
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    await insertSandboxMedia(db, { id, phoneNumberId, mimeType, sha256, bytes });
    return Response.json({ mediaId: id, mimeType, sha256 });
  } catch (error) {
    return toErrorResponse(error);
  }
});

// GET /sandbox/api/phone/media?phoneNumberId=…&id=… – a file the business sent, as the phone
// shows it (photos, videos and audio inline; documents download).
export const GET = signedInSandboxRoute(async (user, req: Request) => {
  try {
    const url = new URL(req.url);
    const phoneNumberId = url.searchParams.get("phoneNumberId") ?? "";
    const id = url.searchParams.get("id") ?? "";
    const db = await getDb();
    const item = await getSandboxMedia(db, id);
    if (
      !item ||
      item.phoneNumberId !== phoneNumberId ||
      !(await memberSandboxNumber(db, user, phoneNumberId))
    )
      return errorResponse("not_found", "No such file on this number.");
    const inline = /^(image|video|audio)\//.test(item.mimeType);
    return new Response(new Uint8Array(item.bytes), {
      headers: {
        "content-type": item.mimeType,
        "content-length": String(item.bytes.length),
        "content-disposition": inline ? "inline" : "attachment",
        "cache-control": "private, max-age=3600",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
});
