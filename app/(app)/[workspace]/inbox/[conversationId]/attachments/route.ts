import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { sendAttachment } from "@/lib/inbox/send-attachment";
import { OUTBOUND_MEDIA_LIMITS } from "@/lib/media/outbound-media";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = {
  not_found: 404,
  number_unavailable: 409,
  too_large: 413,
  empty: 422,
  wrong_type: 422,
  invalid: 422,
  window_closed: 422,
  meta_refused: 502,
  service_unavailable: 503,
};

// The largest file WhatsApp takes, and room for the form around it.
const MAX_BODY = OUTBOUND_MEDIA_LIMITS.document.maxBytes + 64 * 1024;

const fields = z.object({
  clientId: z.uuid(),
  caption: z.string().max(5000).default(""),
});

/**
 * POST …/inbox/{conversationId}/attachments – a file (multipart `file`, with `clientId` and an
 * optional `caption`) sent to the customer. Answers `{ messageId }` once it is queued for sending.
 */
export const POST = withWorkspace<{ conversationId: string }>(
  "conversations.work",
  async (req, ctx, params) => {
    const conversationId = z.uuid().safeParse(params.conversationId);
    if (!conversationId.success) throw new ApiError("not_found", "Conversation not found.");
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY) {
      throw new ApiError(
        "payload_too_large",
        "The file is larger than the 100 MB WhatsApp takes for any file.",
      );
    }
    const form = await req.formData().catch(() => {
      throw new ApiError("bad_request", "Send the file as a multipart form.");
    });
    const file = form.get("file");
    if (!(file instanceof File)) throw new ApiError("bad_request", "Choose a file to send.");
    const input = fields.safeParse({
      clientId: form.get("clientId"),
      caption: form.get("caption") ?? undefined,
    });
    if (!input.success)
      throw new ApiError("bad_request", "The form is incomplete; reload the page.");
    const { graph, keyring } = await getReplyDeps();
    const result = await sendAttachment(
      ctx,
      { graph, keyring },
      {
        conversationId: conversationId.data,
        ...input.data,
        file: { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      },
    );
    if (result.ok) return Response.json(result.data, { status: 201 });
    return Response.json(
      { error: { code: result.code, message: result.message } },
      { status: STATUS[result.code] ?? 422 },
    );
  },
);
