import type { Database } from "@/db";
import * as q from "@/db/queries/replies";
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

export type SendOnceOutcome =
  | { state: "sent"; waMessageId: string }
  | { state: "failed"; error: GraphError };

/**
 * Sends a prepared outbound row and records the outcome. Only Graph errors worth retrying, with
 * no chance the message went out, are thrown (the job retries); a send that got no answer may
 * have landed, so it is recorded as failed rather than repeated; other errors are recorded too.
 */
export async function sendOnce(
  db: Database,
  t: SendOnceTarget,
  send: () => Promise<string | undefined>,
): Promise<SendOnceOutcome> {
  try {
    const waMessageId = await send();
    if (!waMessageId) throw new Error("WhatsApp accepted the message without an id");
    await q.markOutboundSent(db, {
      workspaceId: t.workspaceId,
      id: t.id,
      conversationId: t.conversationId,
      waMessageId,
      latencyMs: t.latencyMs ?? null,
      preview: t.preview,
    });
    return { state: "sent", waMessageId };
  } catch (error) {
    if (!isGraphError(error)) throw error;
    if (error.retryable && !error.maybeSent) throw error;
    await q.markOutboundFailed(db, {
      workspaceId: t.workspaceId,
      id: t.id,
      errorCode: error.code,
      errorDetails: error.maybeSent
        ? "WhatsApp did not answer; the message was not sent again to avoid a duplicate."
        : `${error.message}${error.details ? ` (${error.details})` : ""}`,
    });
    return { state: "failed", error };
  }
}
