import { ApiError } from "@/lib/api/errors";
import { readBodyLimited } from "@/lib/api/read-body";
import { withWorkspace } from "@/lib/auth/workspace";
import { uploadTemplateSample } from "@/lib/templates/manage-templates";

export const dynamic = "force-dynamic";

const MAX_BYTES = 16 * 1024 * 1024;

/**
 * A media header's sample, sent as the raw file (its type in Content-Type), uploaded to Meta;
 * answers the handle the template's example names.
 */
export const POST = withWorkspace("templates.manage", async (req, ctx) => {
  const url = new URL(req.url);
  const wabaId = url.searchParams.get("waba") ?? "";
  if (!/^\d{1,30}$/.test(wabaId)) throw new ApiError("bad_request", "Choose a WhatsApp account.");
  const bytes = await readBodyLimited(req, MAX_BYTES);
  if (bytes === null) throw new ApiError("payload_too_large", "The sample must be at most 16 MB.");
  const result = await uploadTemplateSample(ctx, {
    wabaId,
    fileName: (url.searchParams.get("name") ?? "sample").slice(0, 200),
    mimeType: (req.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "",
    bytes,
  });
  if (!result.ok) {
    throw new ApiError(
      result.code === "invalid" ? "bad_request" : "unprocessable_entity",
      result.message,
    );
  }
  return Response.json(result.data);
});
