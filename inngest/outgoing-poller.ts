import { type Db, getDb } from "@/db";
import { listDueDeliveries } from "@/db/queries/outgoing-webhooks";
import { log } from "@/lib/log";
import { inlineRunner } from "./dispatch";

const POLL_EVERY_MS = 15_000;

/**
 * Starts the outgoing webhook deliveries whose next attempt is due: retries at their time, and
 * after a restart whatever was left pending. Deliveries already running are skipped.
 */
export async function startDueDeliveries(db: Db, now = new Date()): Promise<number> {
  const runner = inlineRunner();
  const due = await listDueDeliveries(db, { before: now, limit: 500 });
  let started = 0;
  for (const d of due) {
    const job = {
      kind: "outgoing" as const,
      data: { workspaceId: d.workspaceId, deliveryId: d.id },
    };
    if (runner.enqueue(job)) started++;
  }
  return started;
}

/** The in-process driver's poller: at start-up, then every 15 seconds. */
export function startOutgoingPoller(): void {
  const poll = () =>
    getDb()
      .then((db) => startDueDeliveries(db))
      .catch((err: unknown) => log.error({ err }, "Starting due outgoing webhooks failed"));
  void poll();
  setInterval(() => void poll(), POLL_EVERY_MS).unref();
}
