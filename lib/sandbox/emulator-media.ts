import { createHash, randomBytes } from "node:crypto";
import * as q from "@/db/queries/sandbox";
import { checkOutboundMedia, SNIFF_BYTES } from "@/lib/media/outbound-media";
import { authorizeNumber, type EmulatorDeps } from "./emulator-auth";
import { metaError } from "./meta-error";

const MEDIA_TYPES = new Set(["image", "document", "audio", "video", "sticker"]);

/**
 * `POST /{phone-number-id}/media` as Meta plays it: a multipart form with
 * `messaging_product=whatsapp`, the file and its `type`; the file is checked against WhatsApp's
 * types and limits (its bytes must be what `type` says, else 131053) and kept, as Meta keeps
 * uploads, under a new media id.
 */
export async function uploadMedia(req: Request, phoneNumberId: string, deps: EmulatorDeps) {
  const number = await authorizeNumber(req, phoneNumberId, deps);
  if (number instanceof Response) return number;
  const form = await req.formData().catch(() => null);
  if (!form)
    return metaError(400, 100, "Invalid parameter", "Send the file as multipart/form-data");
  if (form.get("messaging_product") !== "whatsapp")
    return metaError(400, 100, "Invalid parameter", "messaging_product must be whatsapp");
  const file = form.get("file");
  if (!(file instanceof File)) return metaError(400, 100, "Invalid parameter", "file is required");
  const declared = String(form.get("type") ?? file.type ?? "");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = checkOutboundMedia({
    name: file.name,
    type: declared,
    size: bytes.length,
    head: bytes.subarray(0, SNIFF_BYTES),
  });
  if (!check.ok) return metaError(400, 131053, "Media upload error", check.message);
  if (declared.split(";")[0]?.trim() !== check.mimeType) {
    return metaError(
      400,
      131053,
      "Media upload error",
      `The file's type (${check.mimeType}) does not match the type given (${declared || "none"})`,
    );
  }
  const id = randomBytes(8).readBigUInt64BE().toString();
  const sha256 = createHash("sha256").update(bytes).digest("base64");
  await q.insertSandboxMedia(deps.db, {
    id,
    phoneNumberId,
    mimeType: check.mimeType,
    sha256,
    bytes: Buffer.from(bytes),
  });
  return Response.json({ id });
}

/**
 * A media message's problem, as Meta answers it: a media id this number never uploaded (or that
 * is not of the message's kind) is refused. Null when the message may be sent.
 */
export async function mediaMessageProblem(
  deps: EmulatorDeps,
  phoneNumberId: string,
  type: string,
  body: Record<string, unknown>,
): Promise<Response | null> {
  if (!MEDIA_TYPES.has(type)) return null;
  const media = body[type];
  const id = media && typeof media === "object" ? (media as Record<string, unknown>).id : undefined;
  const link =
    media && typeof media === "object" ? (media as Record<string, unknown>).link : undefined;
  if (typeof link === "string" && typeof id !== "string") return null;
  if (typeof id !== "string")
    return metaError(400, 100, "Invalid parameter", `${type}.id or ${type}.link is required`);
  const item = await q.getSandboxMedia(deps.db, id);
  if (!item || item.phoneNumberId !== phoneNumberId)
    return metaError(
      400,
      131053,
      "Media upload error",
      `Media id ${id} was not uploaded by this number`,
    );
  return null;
}
