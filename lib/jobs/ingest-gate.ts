// Meta's webhook deliveries being stored by this process right now. While any is, the in-process
// job runner starts fewer jobs (`narrowedLimit`), so that deliveries are acknowledged first (Meta
// redelivers what it does not see acknowledged in time) and replies use the CPU left over; jobs
// already under way go on. On globalThis so that the webhook route's bundle and the runner's see
// one count: plain numbers and the runner's wake-up only.
type Gate = { storing: number; wake: Set<() => void> };
const store = globalThis as unknown as { __parleyIngestGate?: Gate };
store.__parleyIngestGate ??= { storing: 0, wake: new Set() };
const gate = store.__parleyIngestGate;

/** Runs `fn` (storing one delivery) counted as a delivery being stored. */
export async function whileStoring<T>(fn: () => Promise<T>): Promise<T> {
  gate.storing++;
  try {
    return await fn();
  } finally {
    gate.storing--;
    if (gate.storing === 0) for (const wake of gate.wake) wake();
  }
}

/** Whether a delivery is being stored right now. */
export const storingDeliveries = () => gate.storing > 0;

/** Calls `wake` whenever the last delivery being stored is done (a runner starts waiting jobs). */
export function onStoringDone(wake: () => void): void {
  gate.wake.add(wake);
}

/** Jobs a runner allowed `limit` at once starts while deliveries are being stored. */
export const narrowedLimit = (limit: number) => Math.max(1, Math.ceil(limit / 4));
