import {
  completeIfDone,
  getSendingBroadcast,
  isBroadcastSending,
  listUnsentQueued,
  type PreparedSend,
  takeBatch,
  withdrawUnsent,
} from "@/db/queries/broadcasts";
import { markChannelNeedsReauth } from "@/db/queries/channels";
import { stopMarketingForMessages } from "@/db/queries/contacts";
import { retryAfterMs } from "@/inngest/inline-runner";
import type { ReplyDeps } from "@/lib/bot/deps";
import { decryptSecret } from "@/lib/crypto/secrets";
import { sendOnce } from "@/lib/outbound/send-once";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import { fillForContact } from "./parameters";

export type BroadcastDeps = Pick<
  ReplyDeps,
  "db" | "graph" | "keyring" | "reconcileMs" | "startedAt"
>;
export type BroadcastTarget = { workspaceId: string; broadcastId: string };

export type BatchOptions = {
  /** Recipients taken per batch: about what the number sends in a few seconds. */
  batchSize?: number;
  /** Sends in flight at once; the pacer keeps them under the number's rate. */
  concurrency?: number;
  /** How often a running batch checks whether the broadcast was cancelled. */
  cancelCheckMs?: number;
};

export type BatchOutcome =
  /** More recipients wait: run the next batch. */
  | { state: "more"; sent: number; failed: number }
  /** Some sends wait for WhatsApp (in doubt, or rate limited): run again after `waitMs`. */
  | { state: "wait"; sent: number; failed: number; waitMs: number }
  /** Nothing is left to send: completed, cancelled, or gone. */
  | { state: "done"; sent: number; failed: number };

// Parley's own reasons a recipient was left out when its turn came.
export const OPTED_OUT_SINCE = -10;
export const MISSING_PARAMETER = -11;

/**
 * One batch of a broadcast: messages a cut-off run left unsent go first (through the exactly-once
 * path, which waits for WhatsApp's status of any send in doubt), then pending recipients are
 * taken and sent, paced under the number's rate. A cancellation seen mid-batch stops the sends
 * not yet made, and withdraws their messages.
 */
export async function sendBroadcastBatch(
  deps: BroadcastDeps,
  target: BroadcastTarget,
  options: BatchOptions = {},
): Promise<BatchOutcome> {
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 16;
  const found = await getSendingBroadcast(deps.db, target);
  if (!found) {
    await withdrawUnsent(deps.db, target);
    return { state: "done", sent: 0, failed: 0 };
  }
  const b = found;
  if (!b.accessTokenEncrypted) {
    throw new Error("The broadcast's WhatsApp number is disconnected; sending waits for it.");
  }
  const token = decryptSecret(
    b.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    target.workspaceId,
  );
  const resumed = await listUnsentQueued(deps.db, { ...target, limit: batchSize });
  const fresh =
    resumed.length < batchSize
      ? await takeBatch(deps.db, {
          ...target,
          limit: batchSize - resumed.length,
          channelId: b.channelId,
          createdBy: b.createdBy,
          prepare: (r) => {
            if (!r.mayReceive) {
              return {
                code: OPTED_OUT_SINCE,
                skip: "The customer withdrew their consent before their turn came.",
              };
            }
            const filled = fillForContact(b.template, b.parameters, r);
            if (!filled.ok) {
              return {
                code: MISSING_PARAMETER,
                skip: `No value for ${filled.missing.join(", ")}, and no fallback was given.`,
              };
            }
            return { send: { text: filled.text, components: filled.components } };
          },
        })
      : [];
  const work: PreparedSend[] = [...resumed, ...fresh];

  // Whether the broadcast was cancelled, read again before a send once `cancelCheckMs` passed.
  const checkEveryMs = options.cancelCheckMs ?? 500;
  let cancelled = false;
  let checkedAt = Date.now();
  async function stillSending() {
    if (cancelled) return false;
    if (Date.now() - checkedAt < checkEveryMs) return true;
    checkedAt = Date.now();
    cancelled = !(await isBroadcastSending(deps.db, target));
    return !cancelled;
  }
  const marketing = b.marketingMessages && b.template.category?.toUpperCase() === "MARKETING";
  let sent = 0;
  let failed = 0;
  let waitMs = 0;
  const stoppedMarketing: string[] = [];
  let reauth: unknown = null;
  let next = 0;
  async function worker() {
    for (;;) {
      if (reauth || next >= work.length || !(await stillSending())) return;
      const item = work[next++];
      if (!item) return;
      try {
        const outcome = await sendOnce(
          deps.db,
          {
            workspaceId: target.workspaceId,
            id: item.messageId,
            conversationId: item.conversationId,
            preview: item.text,
          },
          async (callbackData) =>
            (
              await deps.graph.sendTemplate(b.phoneNumberId, token, {
                to: item.to,
                name: b.template.name,
                languageCode: b.template.language,
                components: item.components,
                bizOpaqueCallbackData: callbackData,
                marketing,
              })
            ).wamid,
          { reconcileMs: deps.reconcileMs, ...(deps.startedAt && { heldSince: deps.startedAt }) },
        );
        if (outcome.state === "sent") sent++;
        else if (outcome.state === "failed") {
          failed++;
          if (outcome.error.code === 131050) stoppedMarketing.push(item.messageId);
          if (outcome.error.kind === "reauth") reauth = outcome.error;
        } else if (outcome.state === "unconfirmed") failed++;
      } catch (error) {
        // A send in doubt (waiting for WhatsApp's status) or one WhatsApp asked to slow down:
        // the batch goes on with the others, and the job comes back for it.
        const wait = retryAfterMs(error) ?? (isGraphError(error) && error.retryable ? 1000 : null);
        if (wait === null) throw error;
        waitMs = Math.max(waitMs, Math.min(wait, 60_000));
        if (isGraphError(error) && error.retryable && error.retryAfterMs) {
          waitMs = Math.max(waitMs, Math.min(error.retryAfterMs, 60_000));
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, worker));
  if (stoppedMarketing.length > 0) {
    await stopMarketingForMessages(deps.db, {
      workspaceId: target.workspaceId,
      messageIds: stoppedMarketing,
    });
  }
  if (reauth && isGraphError(reauth)) {
    await markChannelNeedsReauth(deps.db, {
      workspaceId: target.workspaceId,
      channelId: b.channelId,
      error: reauth,
    });
    throw new Error("WhatsApp refused the number's token; sending waits for re-authorization.");
  }
  if (cancelled || !(await isBroadcastSending(deps.db, target))) {
    await withdrawUnsent(deps.db, target);
    return { state: "done", sent, failed };
  }
  if (waitMs > 0) return { state: "wait", sent, failed, waitMs };
  if (work.length > 0) return { state: "more", sent, failed };
  await completeIfDone(deps.db, target);
  return { state: "done", sent, failed };
}
