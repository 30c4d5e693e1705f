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

/** A FIFO counting semaphore: at most `limit` holders at once, the rest served in arrival order. */
function createSemaphore(limit: number) {
  let held = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (held < limit) {
        held++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else held--;
    },
  };
}

// In-process job runner for embedded mode: the same handlers as Inngest, with per-key ordering, a
// limit on jobs running at once, retries with backoff (or the wait a RetryAfterError names), and
// memoised steps (a retried job does not repeat finished steps).
export function createInlineRunner<T>(options: InlineRunnerOptions<T>) {
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? defaultBackoff;
  const slots = createSemaphore(Math.max(1, options.concurrency ?? DEFAULT_JOB_CONCURRENCY));
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<string>();

  async function runOnce(data: T) {
    const memo = new Map<string, unknown>();
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
        await new Promise((resolve) => setTimeout(resolve, ms));
        memo.set(id, undefined);
      },
    } as unknown as JobStep;
    for (let attempt = 0; ; attempt++) {
      // A slot is held only while the handler runs, never during a wait between attempts.
      await slots.acquire();
      let failure: unknown;
      try {
        await options.handler({ event: { data }, step, attempt });
        return;
      } catch (error) {
        failure = error;
      } finally {
        slots.release();
      }
      if (isNonRetriable(failure) || attempt >= retries) {
        console.error(`Job ${options.id(data)} failed after ${attempt + 1} attempt(s)`, failure);
        await options.onFailure(data, failure);
        return;
      }
      const wait = retryAfterMs(failure) ?? backoff(attempt);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  function enqueue(data: T): boolean {
    const id = options.id(data);
    if (inFlight.has(id)) return false;
    inFlight.add(id);
    const key = options.key(data);
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => runOnce(data))
      .catch((error: unknown) => console.error(`Job ${id} could not record its failure`, error))
      .finally(() => {
        inFlight.delete(id);
        if (tails.get(key) === next) tails.delete(key);
      });
    tails.set(key, next);
    return true;
  }

  /** Resolves when every queued job has finished (tests and graceful shutdown). */
  async function idle(): Promise<void> {
    while (tails.size > 0) await Promise.all([...tails.values()]);
  }

  return { enqueue, idle, isInFlight: (id: string) => inFlight.has(id) };
}

export type InlineRunner<T> = ReturnType<typeof createInlineRunner<T>>;
