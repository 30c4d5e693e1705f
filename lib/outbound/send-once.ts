import { RetryAfterError } from "inngest";
import type { Database } from "@/db";
import { notifyConversations } from "@/db/queries/live";
import * as outbound from "@/db/queries/messages";
import { emitMessageSent } from "@/lib/outgoing-webhooks/events";
import { type GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";

export type SendOnceTarget = {
  workspaceId: string;
  /** The outbound row, created before sending under a fixed key. */
  id: string;
  conversationId: string;
  /** The thread's new preview once sent. */
  preview: string;
  latencyMs?: number | null;
};

export type SendOnceOptions = {
  /** How long a send cut off mid-call waits for WhatsApp's status before it may go again. */
  reconcileMs: number;
  /**
   * When this process started. A send cut off by a restart waits `reconcileMs` from then, not
   * from the cut: Meta retries its status webhooks while the server is down, and they arrive only
   * once it is back.
   */
  heldSince?: Date;
  now?: () => Date;
};

export type SendOnceOutcome =
  | { state: "sent"; waMessageId: string }
  | { state: "failed"; error: GraphError }
  /** Sent before, or failed before, by an earlier run: nothing to do. */
  | { state: "done"; waMessageId: string | null }
  /** Sent twice with no word from WhatsApp either time: a person has to check with the customer. */
  | { state: "unconfirmed" };

// One send, and one more only when WhatsApp confirmed neither; a third could only duplicate.
const MAX_ATTEMPTS = 2;

/** What Meta echoes back in every status webhook of a send, naming the row it belongs to. */
export const callbackDataFor = (id: string) => `m:${id}`;

export const UNCONFIRMED_DETAILS =
  "WhatsApp confirmed neither attempt to send this, so it was not sent a third time. Check with the customer.";

/**
 * A row whose send is in doubt, that will not be sent again (a person has the conversation, or
 * the job gives up): waits for WhatsApp's status until the window has passed, then is marked
 * unconfirmed, since it may have reached the customer.
 */
export async function settleUnconfirmed(
  db: Database,
  p: {
    workspaceId: string;
    id: string;
    sendingAt: Date | string;
    reconcileMs: number;
    heldSince?: Date;
  },
) {
  const since = Math.max(new Date(p.sendingAt).getTime(), p.heldSince?.getTime() ?? 0);
  const retryAt = new Date(since + p.reconcileMs);
  if (retryAt > new Date()) {
    throw new RetryAfterError(`Waiting for WhatsApp's status of message ${p.id}`, retryAt);
  }
  await outbound.markOutboundFailed(db, {
    workspaceId: p.workspaceId,
    id: p.id,
    errorCode: -7,
    errorDetails: UNSENT_AGAIN_DETAILS,
  });
}

export const UNSENT_AGAIN_DETAILS =
  "WhatsApp did not confirm this message, and it was not sent again. Check with the customer.";

/**
 * Sends a prepared outbound row at most once per claim, and records the outcome. The claim is
 * committed before the Graph call and the call carries the row's id (`biz_opaque_callback_data`),
 * so when the process dies mid-call the status webhook still marks the row sent. A row in doubt
 * waits (RetryAfterError) for that status for `reconcileMs`, and is sent again only if none came.
 * Errors Meta answered that are worth retrying are thrown (the job retries); others are recorded.
 */
export async function sendOnce(
  db: Database,
  t: SendOnceTarget,
  send: (callbackData: string) => Promise<string | undefined>,
  options: SendOnceOptions,
): Promise<SendOnceOutcome> {
  const now = options.now?.() ?? new Date();
  const claim = await outbound.claimSend(db, {
    workspaceId: t.workspaceId,
    id: t.id,
    reconcileMs: options.reconcileMs,
    maxAttempts: MAX_ATTEMPTS,
    now,
    ...(options.heldSince && { heldSince: options.heldSince }),
  });
  if (claim.state === "sent") return { state: "done", waMessageId: claim.waMessageId };
  if (claim.state === "failed") return { state: "done", waMessageId: null };
  if (claim.state === "in_doubt") {
    if (claim.attempts < MAX_ATTEMPTS || claim.retryAt > now) {
      throw new RetryAfterError(
        `Waiting for WhatsApp's status of message ${t.id} before sending it again`,
        claim.retryAt,
      );
    }
    await outbound.markOutboundFailed(db, {
      workspaceId: t.workspaceId,
      id: t.id,
      errorCode: -7,
      errorDetails: UNCONFIRMED_DETAILS,
    });
    return { state: "unconfirmed" };
  }
  return sendClaimed(db, t, send, { ...options, now: () => now });
}

/**
 * The Graph call of a row already claimed for it (by `sendOnce`, or created claimed), and its
 * outcome recorded: `record` stores the send and tells open inboxes (by default
 * `markOutboundSent`, then a notification).
 */
export async function sendClaimed(
  db: Database,
  t: SendOnceTarget,
  send: (callbackData: string) => Promise<string | undefined>,
  options: SendOnceOptions & { record?: (waMessageId: string) => Promise<unknown> },
): Promise<Extract<SendOnceOutcome, { state: "sent" | "failed" }>> {
  const now = options.now?.() ?? new Date();
  let waMessageId: string | undefined;
  try {
    waMessageId = await send(callbackDataFor(t.id));
  } catch (error) {
    if (!isGraphError(error)) throw error;
    if (error.maybeSent) {
      // No answer: the message may have gone out. Its status webhook will say so; until the
      // reconciliation window has passed, nothing is sent again.
      throw new RetryAfterError(
        `WhatsApp did not answer for message ${t.id}; waiting for its status`,
        new Date(now.getTime() + options.reconcileMs),
        { cause: error },
      );
    }
    // Meta answered with an error, so nothing went out: the claim is given back.
    await outbound.releaseSend(db, { workspaceId: t.workspaceId, id: t.id });
    if (error.retryable) throw error;
    await outbound.markOutboundFailed(db, {
      workspaceId: t.workspaceId,
      id: t.id,
      errorCode: error.code,
      errorDetails: `${error.message}${error.details ? ` (${error.details})` : ""}`,
    });
    await notifyConversations(db, {
      workspaceId: t.workspaceId,
      kind: "status",
      conversationIds: [t.conversationId],
    });
    return { state: "failed", error };
  }
  if (!waMessageId) throw new Error("WhatsApp accepted the message without an id");
  const sentId = waMessageId;
  if (options.record) await options.record(sentId);
  else {
    await outbound.markOutboundSent(db, {
      workspaceId: t.workspaceId,
      id: t.id,
      conversationId: t.conversationId,
      waMessageId: sentId,
      latencyMs: t.latencyMs ?? null,
      preview: t.preview,
    });
    await notifyConversations(db, {
      workspaceId: t.workspaceId,
      kind: "outbound",
      conversationIds: [t.conversationId],
    });
  }
  await emitMessageSent(db, {
    workspaceId: t.workspaceId,
    id: t.id,
    conversationId: t.conversationId,
    waMessageId: sentId,
    text: t.preview,
  });
  return { state: "sent", waMessageId: sentId };
}
