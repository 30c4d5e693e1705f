import { AsyncLocalStorage } from "node:async_hooks";

/** The in-process job runner's slot held by the running job (see `createInlineRunner`). */
export type JobSlot = {
  held: boolean;
  /** The job has ended: a wait it left behind (a request timed out and abandoned) takes no slot. */
  ended: boolean;
  acquire: () => Promise<void>;
  release: () => void;
};

// On globalThis so that every bundle's copy of this module finds the runner's slot; it holds
// only Node's own class and plain objects.
const store = globalThis as unknown as { __parleyJobSlot?: AsyncLocalStorage<JobSlot> };
store.__parleyJobSlot ??= new AsyncLocalStorage<JobSlot>();
const slots = store.__parleyJobSlot;

/** Runs a job with its slot, so that `whileWaiting` inside it can lend the slot out. */
export function runWithSlot<T>(slot: JobSlot, fn: () => Promise<T>): Promise<T> {
  return slots.run(slot, fn);
}

/**
 * Waits on the network (Meta, an AI provider) without holding the job's slot: the limit on jobs
 * running at once protects the CPU, and a job waiting 800 ms for a model uses none. The slot is
 * taken back, in turn, before the job goes on. Outside the in-process runner it just waits.
 */
export async function whileWaiting<T>(fn: () => Promise<T>): Promise<T> {
  const slot = slots.getStore();
  if (!slot?.held) return fn();
  slot.held = false;
  slot.release();
  try {
    return await fn();
  } finally {
    if (!slot.ended) {
      await slot.acquire();
      if (slot.ended) slot.release();
      else slot.held = true;
    }
  }
}

/** `fetch` that waits without holding the job's slot. */
export const waitingFetch =
  (inner: typeof fetch): typeof fetch =>
  (input, init) =>
    whileWaiting(() => inner(input, init));
