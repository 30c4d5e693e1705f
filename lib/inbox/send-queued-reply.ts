import { markChannelNeedsReauth, markChannelUnregistered } from "@/db/queries/channels";
import { loadQueuedReply } from "@/db/queries/inbox-actions";
import { markOutboundFailed } from "@/db/queries/messages";
import type { ReplyDeps } from "@/lib/bot/deps";
import { decryptSecret } from "@/lib/crypto/secrets";
import { sendOnce, UNSENT_AGAIN_DETAILS } from "@/lib/outbound/send-once";
import { interactivePayload, templatePayload } from "@/lib/validations/inbox";

const MEDIA_KINDS = ["image", "document", "audio", "video"] as const;
const mediaKind = (type: string) => MEDIA_KINDS.find((k) => k === type) ?? null;

export type QueuedReplyTarget = { workspaceId: string; messageId: string };

export type QueuedReplyOutcome =
  | { state: "sent"; waMessageId: string }
  | { state: "failed"; code: number }
  | { state: "done" };

// Our own codes for failures before WhatsApp is asked, shown with the reply in the inbox.
export const NO_PHONE = -4;
export const NUMBER_UNAVAILABLE = -5;
export const INVALID_REPLY = -6;

/**
 * Sends a reply a person queued in the inbox (or a rating request), once: a row already sent or failed is left alone,
 * and only errors worth retrying make the job retry (with the same pacing as the bot's replies,
 * through the shared Graph client).
 */
export async function sendQueuedReply(
  deps: ReplyDeps,
  t: QueuedReplyTarget,
): Promise<QueuedReplyOutcome> {
  const row = await loadQueuedReply(deps.db, t);
  if (row?.status !== "pending" || row.waMessageId) return { state: "done" };
  const fail = async (code: number, details: string) => {
    await markOutboundFailed(deps.db, { ...t, id: row.id, errorCode: code, errorDetails: details });
    return { state: "failed" as const, code };
  };
  if (!row.to) {
    return fail(
      NO_PHONE,
      "This customer has neither a phone number nor a WhatsApp user id to reply to.",
    );
  }
  if (!row.accessTokenEncrypted) {
    return fail(NUMBER_UNAVAILABLE, "The WhatsApp number is disconnected, so nothing can be sent.");
  }
  const template = row.type === "template" ? templatePayload.safeParse(row.payload) : null;
  if (template && !template.success) {
    return fail(INVALID_REPLY, "The stored template reply is incomplete, so it was not sent.");
  }
  const interactive = row.type === "interactive" ? interactivePayload.safeParse(row.payload) : null;
  if (interactive && !interactive.success) {
    return fail(INVALID_REPLY, "The stored interactive message is incomplete, so it was not sent.");
  }
  const kind = mediaKind(row.type);
  if (kind && !row.media?.id) {
    return fail(
      INVALID_REPLY,
      "The stored file reply has no WhatsApp media id, so it was not sent.",
    );
  }
  const token = decryptSecret(
    row.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    t.workspaceId,
  );
  const to = row.to;
  const outcome = await sendOnce(
    deps.db,
    {
      workspaceId: t.workspaceId,
      id: row.id,
      conversationId: row.conversationId,
      preview: row.text ?? "",
    },
    async (callbackData) => {
      if (template?.success) {
        const { name, language, components } = template.data.template;
        const sent = await deps.graph.sendTemplate(row.phoneNumberId, token, {
          to,
          name,
          languageCode: language,
          components,
          bizOpaqueCallbackData: callbackData,
        });
        return sent.wamid;
      }
      if (interactive?.success) {
        const sent = await deps.graph.sendInteractive(row.phoneNumberId, token, {
          to,
          interactive: interactive.data.interactive,
          bizOpaqueCallbackData: callbackData,
        });
        return sent.wamid;
      }
      if (kind && row.media?.id) {
        const sent = await deps.graph.sendMedia(row.phoneNumberId, token, {
          to,
          kind,
          mediaId: row.media.id,
          caption: row.media.caption,
          filename: row.media.filename,
          bizOpaqueCallbackData: callbackData,
        });
        return sent.wamid;
      }
      const [first] = await deps.graph.sendText(row.phoneNumberId, token, {
        to,
        body: row.text ?? "",
        bizOpaqueCallbackData: callbackData,
      });
      return first?.wamid;
    },
    { reconcileMs: deps.reconcileMs, ...(deps.startedAt && { heldSince: deps.startedAt }) },
  );
  if (outcome.state === "sent") return outcome;
  if (outcome.state === "done") return { state: "done" };
  if (outcome.state === "unconfirmed") return { state: "failed", code: -7 };
  if (outcome.error.kind === "reauth") {
    await markChannelNeedsReauth(deps.db, {
      workspaceId: t.workspaceId,
      channelId: row.channelId,
      error: outcome.error,
    });
  }
  if (outcome.error.kind === "unregistered") {
    await markChannelUnregistered(deps.db, {
      workspaceId: t.workspaceId,
      channelId: row.channelId,
    });
  }
  return { state: "failed", code: outcome.error.code };
}

/** After the last retry: the reply is marked failed, with the reason shown beside it. */
export async function failQueuedReply(deps: ReplyDeps, t: QueuedReplyTarget) {
  const row = await loadQueuedReply(deps.db, t);
  if (row?.status !== "pending" || row.waMessageId) return;
  // A send in doubt may have reached the customer: saying "not sent" would invite a duplicate.
  await markOutboundFailed(deps.db, {
    ...t,
    id: row.id,
    ...(row.sendingAt
      ? { errorCode: -7, errorDetails: UNSENT_AGAIN_DETAILS }
      : {
          errorCode: -1,
          errorDetails:
            "WhatsApp could not be reached after several attempts; the reply was not sent.",
        }),
  });
}
