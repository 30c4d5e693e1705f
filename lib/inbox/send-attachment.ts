import { markChannelNeedsReauth } from "@/db/queries/channels";
import { getConversationForUpload } from "@/db/queries/inbox-thread";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import { log } from "@/lib/log";
import {
  checkOutboundMedia,
  MAX_CAPTION,
  SNIFF_BYTES,
  takesCaption,
} from "@/lib/media/outbound-media";
import type { GraphClient } from "@/lib/whatsapp/graph-client";
import { type GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";
import { type Queued, queueAndDispatch } from "./queue-reply";

export type AttachmentDeps = { graph: Pick<GraphClient, "uploadMedia">; keyring: Keyring };

export type Attachment = {
  conversationId: string;
  clientId: string;
  caption: string;
  file: { name: string; type: string; bytes: Uint8Array };
};

export const ATTACHMENT_WINDOW_CLOSED =
  "More than 24 hours have passed since the customer last wrote, so WhatsApp does not allow sending them files. Send an approved template; files can be sent again once they reply.";

// Meta's own words: the user-facing text when it gives one, else its message and details.
function metaReason(error: GraphError): string {
  const words = error.userMessage ?? [error.message, error.details].filter(Boolean).join(": ");
  return `${words.replace(/\.?$/, "")} (error ${error.code}).`;
}

/**
 * A file a person sends in a conversation: checked by its bytes against WhatsApp's types and
 * limits, uploaded to WhatsApp with the number's token, then stored and sent like a text reply
 * (the same job, once per composer id), with the caption beside it.
 */
export async function sendAttachment(
  ctx: WorkspaceContext,
  deps: AttachmentDeps,
  a: Attachment,
): Promise<ActionResult<Queued>> {
  const check = checkOutboundMedia({
    name: a.file.name,
    type: a.file.type,
    size: a.file.bytes.length,
    head: a.file.bytes.subarray(0, SNIFF_BYTES),
  });
  if (!check.ok) return { ok: false, code: check.code, message: check.message };
  const caption = takesCaption(check.kind) ? a.caption.trim() : "";
  if (caption.length > MAX_CAPTION) {
    return {
      ok: false,
      code: "invalid",
      message: `A caption can be at most ${MAX_CAPTION} characters; this one has ${caption.length}.`,
    };
  }
  const ref = { workspaceId: ctx.workspace.id, conversationId: a.conversationId };
  const conv = await getConversationForUpload(ctx.db, ref);
  if (!conv) return { ok: false, code: "not_found", message: "Conversation not found." };
  if (!conv.accessTokenEncrypted || conv.channelStatus === "disconnected") {
    return {
      ok: false,
      code: "number_unavailable",
      message:
        "This WhatsApp number is disconnected, so files cannot be sent. An owner or admin can reconnect it on the WhatsApp page.",
    };
  }
  // Checked before the upload too, so a closed window costs no upload.
  if (!conv.windowOpen) {
    return { ok: false, code: "window_closed", message: ATTACHMENT_WINDOW_CLOSED };
  }
  const token = decryptSecret(
    conv.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    ctx.workspace.id,
  );
  let mediaId: string;
  try {
    mediaId = await deps.graph.uploadMedia(conv.phoneNumberId, token, {
      bytes: a.file.bytes,
      mimeType: check.mimeType,
      fileName: a.file.name,
    });
  } catch (error) {
    if (!isGraphError(error)) throw error;
    log.warn({ code: error.code, status: error.httpStatus }, "Media upload refused by WhatsApp");
    if (error.kind === "reauth") {
      await markChannelNeedsReauth(ctx.db, {
        workspaceId: ctx.workspace.id,
        channelId: conv.channelId,
        error,
      });
    }
    const reachable = error.httpStatus >= 400 && error.httpStatus < 500;
    return {
      ok: false,
      code: reachable ? "meta_refused" : "service_unavailable",
      message: reachable
        ? `WhatsApp refused the file: ${metaReason(error)}`
        : "WhatsApp could not be reached to upload the file. Try again in a moment.",
    };
  }
  return queueAndDispatch(
    ctx.db,
    {
      ...ref,
      userId: ctx.user.id,
      clientId: a.clientId,
      type: check.kind,
      text: caption || null,
      payload: null,
      media: {
        id: mediaId,
        mimeType: check.mimeType,
        ...(check.kind === "document" && { filename: a.file.name }),
        ...(caption && { caption }),
      },
    },
    { windowClosed: ATTACHMENT_WINDOW_CLOSED },
  );
}
