import { type Db, getDb } from "@/db";
import { listStaleQueuedReplies } from "@/db/queries/inbox-actions";
import { listStalePending } from "@/db/queries/webhooks";
import { log } from "@/lib/log";
import { inlineRunner } from "./dispatch";

const SWEEP_EVERY_MS = 60_000;
const BATCH = 500;

/**
 * Re-dispatches inbound messages still waiting for the bot, and people's replies still queued, so
 * in-process jobs lost to a crash or restart run after all. Jobs already queued in this process
 * are skipped by the runner.
 */
export async function sweepPending(db: Db, olderThanMs: number): Promise<number> {
  const runner = inlineRunner();
  const olderThan = new Date(Date.now() - olderThanMs);
  const [received, replies] = await Promise.all([
    listStalePending(db, { olderThan, limit: BATCH }),
    listStaleQueuedReplies(db, { olderThan, limit: BATCH }),
  ]);
  let queued = 0;
  for (const data of received) if (runner.enqueue({ kind: "received", data })) queued++;
  for (const data of replies) if (runner.enqueue({ kind: "reply", data })) queued++;
  return queued;
}

export function startSweeper(): void {
  const sweep = (olderThanMs: number) =>
    getDb()
      .then((db) => sweepPending(db, olderThanMs))
      .then((n) => {
        if (n > 0) log.info({ jobs: n }, "Re-dispatched message jobs left waiting");
      })
      .catch((err: unknown) => log.error({ err }, "Sweep of waiting message jobs failed"));
  void sweep(0);
  setInterval(() => void sweep(SWEEP_EVERY_MS), SWEEP_EVERY_MS).unref();
}
