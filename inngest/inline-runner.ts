import { NonRetriableError } from "inngest";
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
};

const defaultBackoff = (attempt: number) =>
  Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);

// In-process job runner for embedded mode: the same handlers as Inngest, with per-key ordering,
// retries with backoff, and memoised steps (a retried job does not repeat finished steps).
export function createInlineRunner<T>(options: InlineRunnerOptions<T>) {
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? defaultBackoff;
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
    } as unknown as JobStep;
    for (let attempt = 0; ; attempt++) {
      try {
        await options.handler({ event: { data }, step, attempt });
        return;
      } catch (error) {
        if (error instanceof NonRetriableError || attempt >= retries) {
          console.error(`Job ${options.id(data)} failed after ${attempt + 1} attempt(s)`, error);
          await options.onFailure(data, error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
      }
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
