import { cron } from "inngest";
import { listStaleQueuedReplies } from "@/db/queries/inbox-actions";
import { getReplyDeps } from "@/lib/bot/deps";
import { inngest } from "../client";
import { inboxReplyQueued } from "../events";

const STALE_MS = 2 * 60_000;
const BATCH = 500;

/**
 * With Inngest, a person's reply whose event was never sent (Inngest unreachable at that moment)
 * would wait for ever: every few minutes, replies still queued are sent again as events, with
 * the message id as the event id, so one already in flight is not doubled.
 */
export const resendQueuedRepliesFn = inngest.createFunction(
  { id: "resend-queued-replies", triggers: [cron("*/5 * * * *")] },
  async ({ step }) => {
    const stale = await step.run("list", async () =>
      listStaleQueuedReplies((await getReplyDeps()).db, {
        olderThan: new Date(Date.now() - STALE_MS),
        limit: BATCH,
      }),
    );
    if (stale.length > 0) {
      await step.sendEvent(
        "resend",
        stale.map((m) => inboxReplyQueued.create(m, { id: m.messageId })),
      );
    }
    return { resent: stale.length };
  },
);
