import { cron } from "inngest";
import { listActiveBroadcasts, startBroadcast } from "@/db/queries/broadcasts";
import { getReplyDeps } from "@/lib/bot/deps";
import { sendBroadcastBatch } from "@/lib/broadcasts/send-batch";
import { inngest } from "../client";
import { type BroadcastDue, broadcastDue } from "../events";
import type { JobContext } from "../step";

// A run's batches; a broadcast larger than this goes on in the next run (the sweep starts it).
const MAX_BATCHES_PER_RUN = 400;

/**
 * Sends a broadcast: starts it at its time (taking its recipients), then batch after batch until
 * none is left, each batch its own step, so a run cut off goes on from the next batch and every
 * recipient is claimed once. Waits for WhatsApp (sends in doubt, rate limits) are sleeps.
 */
export async function sendBroadcast({ event, step }: JobContext<BroadcastDue>) {
  const target = { workspaceId: event.data.workspaceId, broadcastId: event.data.broadcastId };
  const start = await step.run("start", async () =>
    startBroadcast((await getReplyDeps()).db, {
      workspaceId: target.workspaceId,
      id: target.broadcastId,
      now: new Date(),
    }),
  );
  if (start.state === "over") return { state: "over" };
  if (start.state === "not_yet") {
    await step.sleep("until-scheduled", Math.max(0, new Date(start.at).getTime() - Date.now()));
    const again = await step.run("start-at-time", async () =>
      startBroadcast((await getReplyDeps()).db, {
        workspaceId: target.workspaceId,
        id: target.broadcastId,
        now: new Date(),
      }),
    );
    // Moved later meanwhile: the sweep starts it at its new time.
    if (again.state === "not_yet" || again.state === "over") return { state: again.state };
  }
  let sent = 0;
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const batch = await step.run(`batch-${i}`, async () =>
      sendBroadcastBatch(await getReplyDeps(), target),
    );
    sent += batch.sent;
    if (batch.state === "done") return { state: "done", sent };
    if (batch.state === "wait") await step.sleep(`wait-${i}`, batch.waitMs);
  }
  return { state: "continues", sent };
}

export const sendBroadcastFn = inngest.createFunction(
  {
    id: "send-broadcast",
    triggers: [broadcastDue],
    retries: 10,
    // One run per broadcast: a sweep's event for one already running is dropped.
    singleton: { key: "event.data.broadcastId", mode: "skip" },
  },
  sendBroadcast,
);

/**
 * Every minute, broadcasts due or under way get an event, so one whose start event was lost, or
 * that outgrew one run, goes on; the singleton drops those already running.
 */
export const sweepBroadcastsFn = inngest.createFunction(
  { id: "sweep-broadcasts", triggers: [cron("* * * * *")] },
  async ({ step }) => {
    const active = await step.run("list", async () =>
      listActiveBroadcasts((await getReplyDeps()).db, { now: new Date(), limit: 500 }),
    );
    const minute = Math.floor(Date.now() / 60_000);
    if (active.length > 0) {
      await step.sendEvent(
        "continue",
        active.map((b) => broadcastDue.create(b, { id: `${b.broadcastId}:${minute}` })),
      );
    }
    return { active: active.length };
  },
);
