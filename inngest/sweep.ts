import { type Db, getDb } from "@/db";
import { listStalePending } from "@/db/queries/webhooks";
import { inlineRunner } from "./dispatch";

const SWEEP_EVERY_MS = 60_000;
const BATCH = 500;

/**
 * Re-dispatches inbound messages still pending, so in-process jobs lost to a crash or restart
 * run after all. Messages already queued in this process are skipped by the runner.
 */
export async function sweepPending(db: Db, olderThanMs: number): Promise<number> {
  const runner = inlineRunner();
  const stale = await listStalePending(db, {
    olderThan: new Date(Date.now() - olderThanMs),
    limit: BATCH,
  });
  let queued = 0;
  for (const message of stale) if (runner.enqueue(message)) queued++;
  return queued;
}

export function startSweeper(): void {
  const sweep = (olderThanMs: number) =>
    getDb()
      .then((db) => sweepPending(db, olderThanMs))
      .then((n) => {
        if (n > 0) console.log(`Re-dispatched ${n} inbound message(s) still waiting for a reply`);
      })
      .catch((error: unknown) => console.error("Sweep of pending messages failed", error));
  void sweep(0);
  setInterval(() => void sweep(SWEEP_EVERY_MS), SWEEP_EVERY_MS).unref();
}
