import { narrowedLimit, onStoringDone, storingDeliveries } from "@/lib/jobs/ingest-gate";
import { runWithSlot } from "@/lib/jobs/waiting";
import { log } from "@/lib/log";
import type { JobContext, JobStep } from "./step";

type Handler<T> = (ctx: JobContext<T>) => Promise<unknown>;

export type InlineRunnerOptions<T> = {
  handler: Handler<T>;
  onFailure: (data: T, error: unknown) => Promise<void>;
  /** Serialises jobs that share a key (the conversation), as Inngest's concurrency key does. */
  key: (data: T) => string;
  /** Deduplicates jobs in flight (the message id), as Inngest's event id does. */
  id: (data: T) => string;
  retries?: number;
  backoffMs?: (attempt: number) => number;
  /** Jobs running at once in the process (each may wait on an AI provider or on Meta). */
  concurrency?: number;
};

export const DEFAULT_JOB_CONCURRENCY = 16;

const defaultBackoff = (attempt: number) =>
  Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);

// Inngest recognises its errors by name as well as class (the SDK may be bundled more than once),
// and so does this runner: a handler's copy of the SDK need not be the runner's.
const isNonRetriable = (error: unknown) =>
  error instanceof Error && error.name === "NonRetriableError";

/** The wait a `RetryAfterError` asks for: seconds as a string, or an RFC 3339 time. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  if (!(error instanceof Error) || error.name !== "RetryAfterError") return null;
  const value = (error as { retryAfter?: unknown }).retryAfter;
  if (typeof value !== "string") return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

// Thrown by `step.sleep` inside this runner only, and caught by it: never crosses a bundle.
class Sleep {
  constructor(
    readonly id: string,
    readonly ms: number,
  ) {}
}

/**
 * A counting semaphore: at most `limit` holders at once, the rest served in arrival order, those
 * coming back (`acquire(true)`: a job back from waiting on the network) before those starting.
 * `startLimit`, when given, is how many holders a start may join at the moment (at most `limit`);
 * `pump` serves the waiting once it has grown.
 */
function createSemaphore(limit: number, startLimit: () => number = () => limit) {
  let held = 0;
  const returning: (() => void)[] = [];
  const waiting: (() => void)[] = [];
  function pump() {
    for (;;) {
      const next =
        held < limit && returning.length > 0
          ? returning.shift()
          : held < Math.min(limit, startLimit()) && returning.length === 0
            ? waiting.shift()
            : undefined;
      if (!next) return;
      held++;
      next();
    }
  }
  return {
    async acquire(back = false): Promise<void> {
      const queue = back ? returning : waiting;
      const room = back ? limit : Math.min(limit, startLimit());
      if (held < room && returning.length === 0 && (back || waiting.length === 0)) {
        held++;
        return;
      }
      await new Promise<void>((resolve) => queue.push(resolve));
    },
    release(): void {
      held--;
      pump();
    },
    pump,
  };
}

// Jobs begun and not ended, waiting on the network included, as a multiple of the slots: enough
// that waiting on a model does not limit replies, bounded so a backlog does not become thousands
// of requests to Meta or a model at once.
const IN_FLIGHT_PER_SLOT = 8;

// In-process job runner for embedded mode: the same handlers as Inngest, with per-key ordering, a
// limit on jobs running at once, retries with backoff (or the wait a RetryAfterError names), and
// memoised steps (a retried job does not repeat finished steps).
export function createInlineRunner<T>(options: InlineRunnerOptions<T>) {
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? defaultBackoff;
  const limit = Math.max(1, options.concurrency ?? DEFAULT_JOB_CONCURRENCY);
  // While webhook deliveries are being stored, fewer jobs start: acknowledging Meta comes first.
  const slots = createSemaphore(limit, () => (storingDeliveries() ? narrowedLimit(limit) : limit));
  onStoringDone(slots.pump);
  const inFlightJobs = createSemaphore(limit * IN_FLIGHT_PER_SLOT);
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<string>();

  // A sleeping job gives its place in its key's queue to the next job and comes back after the
  // sleep (as a sleeping Inngest run holds no concurrency), so a job waiting for another job of
  // the same key never blocks it.
  let sleeping = 0;
  function wakeLater(data: T, memo: Map<string, unknown>, ms: number) {
    sleeping++;
    setTimeout(() => {
      sleeping--;
      chain(options.key(data), () => runOnce(data, memo), options.id(data));
    }, ms);
  }

  async function runOnce(data: T, memo = new Map<string, unknown>()): Promise<"done" | "asleep"> {
    const step = {
      run: async (id: string, fn: () => unknown) => {
        if (memo.has(id)) return memo.get(id);
        // Round-trip through JSON, as Inngest serialises step results.
        const value = await fn();
        const result = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
        memo.set(id, result);
        return result;
      },
      sleep: async (id: string, ms: number) => {
        if (memo.has(id)) return;
        throw new Sleep(id, ms);
      },
    } as unknown as JobStep;
    // Retries count per step, as Inngest counts them: a step that finishes gives the next its own.
    let stepsDone = memo.size;
    for (let attempt = 0; ; attempt++) {
      if (memo.size > stepsDone) {
        stepsDone = memo.size;
        attempt = 0;
      }
      // A slot is held only while the handler runs, never during a wait between attempts, nor
      // while it waits on the network (`whileWaiting`).
      await inFlightJobs.acquire();
      await slots.acquire();
      const slot = {
        held: true,
        ended: false,
        acquire: () => slots.acquire(true),
        release: slots.release,
      };
      let failure: unknown;
      try {
        await runWithSlot(slot, () => options.handler({ event: { data }, step, attempt }));
        return "done";
      } catch (error) {
        failure = error;
      } finally {
        slot.ended = true;
        if (slot.held) {
          slot.held = false;
          slots.release();
        }
        inFlightJobs.release();
      }
      if (failure instanceof Sleep) {
        memo.set(failure.id, undefined);
        wakeLater(data, memo, failure.ms);
        return "asleep";
      }
      if (isNonRetriable(failure) || attempt >= retries) {
        log.error({ job: options.id(data), attempts: attempt + 1, err: failure }, "Job failed");
        await options.onFailure(data, failure);
        return "done";
      }
      const wait = retryAfterMs(failure) ?? backoff(attempt);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Runs `job` after every job already queued under `key`; the id stays in flight while it sleeps. */
  function chain(key: string, job: () => Promise<"done" | "asleep">, id: string) {
    const previous = tails.get(key) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(job)
      .then(
        (state) => {
          if (state === "done") inFlight.delete(id);
        },
        (error: unknown) => {
          inFlight.delete(id);
          log.error({ job: id, err: error }, "Job could not record its failure");
        },
      )
      .finally(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
    tails.set(key, next);
  }

  function enqueue(data: T): boolean {
    const id = options.id(data);
    if (inFlight.has(id)) return false;
    inFlight.add(id);
    chain(options.key(data), () => runOnce(data), id);
    return true;
  }

  /** Resolves when every queued job has finished, sleepers included (tests, graceful shutdown). */
  async function idle(): Promise<void> {
    while (tails.size > 0 || sleeping > 0) {
      if (tails.size > 0) await Promise.all([...tails.values()]);
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  return { enqueue, idle, isInFlight: (id: string) => inFlight.has(id) };
}

export type InlineRunner<T> = ReturnType<typeof createInlineRunner<T>>;
