import type { Db } from "@/db";
import { isRowRefusal } from "@/db/errors";
import { applyStatusDeliveries, type StatusDelivery } from "@/db/queries/messages";
import { stopMarketingOnRefusals } from "./marketing-stops";

type Waiting = {
  delivery: StatusDelivery;
  done: (applied: boolean) => void;
  fail: (e: unknown) => void;
};
type Queue = { waiting: Waiting[]; busy: boolean };

// Per database: tests open several side by side; a server has one.
const queues = new WeakMap<Db, Queue>();

async function drain(db: Db, queue: Queue) {
  queue.busy = true;
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    try {
      await applyBatch(db, batch);
    } catch {
      // One delivery's failure (a deadlock with another server, a value PostgreSQL refuses) is
      // not the others': each goes again on its own.
      for (const w of batch) {
        try {
          await applyBatch(db, [w]);
        } catch (error) {
          // A delivery PostgreSQL refuses goes the general way, which stores what it can of it
          // and reports the rest; any other failure makes Meta deliver it again.
          if (isRowRefusal(error)) w.done(false);
          else w.fail(error);
        }
      }
    }
  }
  queue.busy = false;
}

async function applyBatch(db: Db, batch: Waiting[]) {
  const unknown = await applyStatusDeliveries(
    db,
    batch.map((w) => w.delivery),
  );
  for (const [i, w] of batch.entries()) {
    if (!unknown.has(i)) await stopMarketingOnRefusals(db, w.delivery, w.delivery.statuses);
  }
  batch.forEach((w, i) => {
    w.done(!unknown.has(i));
  });
}

const MAX_BATCH = 200;

/**
 * Applies and logs one delivery of statuses (see `applyStatusDeliveries`) together with those
 * that arrive while the previous statement runs: one statement at a time per database, so a
 * quiet server writes each at once and a busy one (three statuses come back for every message
 * sent) writes many per statement and commit. Resolves once the delivery is durable: false when
 * it names a message id not recorded, which the caller places the general way.
 */
export function applyStatusDeliveryBatched(db: Db, delivery: StatusDelivery): Promise<boolean> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], busy: false };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<boolean>((done, fail) => {
    q.waiting.push({ delivery, done, fail });
    if (!q.busy) void drain(db, q);
  });
}
