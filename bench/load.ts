import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export type LoadResult = {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
  /** How many requests got each HTTP status ("none": no answer). */
  codes: Record<string, number>;
};

type Make = (i: number) => {
  method?: string;
  path: string;
  body: string;
  headers: Record<string, string>;
};
/** Called with each answer's status and body, when a benchmark needs what was created. */
type Seen = (i: number, status: number, body: string) => void;

/** What counts as answered as intended; by default any 2xx. */
type Accept = (status: number) => boolean;
const success: Accept = (status) => status >= 200 && status < 300;

const tally = (codes: Record<string, number>, status: number) => {
  const key = status === 0 ? "none" : String(status);
  codes[key] = (codes[key] ?? 0) + 1;
};

/** The answers that were not as intended, by status: "503×3, none×1". */
export const refusals = (r: LoadResult, accept: Accept = success) =>
  Object.entries(r.codes)
    .filter(([code]) => !accept(code === "none" ? 0 : Number(code)))
    .map(([code, n]) => `${code}×${n}`)
    .join(", ");

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes. */
export const wallClock = () => performance.timeOrigin + performance.now();

/** One request (POST unless told); resolves with its HTTP status (0: no answer), its latency in
 * milliseconds and, when `keep`, its body. */
function send(
  agent: Agent,
  port: number,
  { method = "POST", path, body, headers }: ReturnType<Make>,
  keep = false,
): Promise<{ status: number; ms: number; text: string }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        agent,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        if (keep) res.on("data", (c: Buffer) => chunks.push(c));
        else res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - start,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - start, text: "" }));
    req.end(body);
  });
}

/**
 * Closed loop: `concurrency` requests in flight over keep-alive connections to localhost, until
 * `total` were sent or, given `seconds`, until that much time has passed.
 */
async function closedLoop(
  port: number,
  limit: { total?: number; seconds?: number },
  concurrency: number,
  make: Make,
  accept: Accept,
  seen?: Seen,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const codes: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const more = () =>
    limit.total !== undefined
      ? next < limit.total
      : performance.now() - started < (limit.seconds ?? 0) * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        const i = next++;
        const r = await send(agent, port, make(i), seen !== undefined);
        seen?.(i, r.status, r.text);
        latencies.push(r.ms);
        tally(codes, r.status);
        if (accept(r.status)) ok++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { sent: next, ok, failed, seconds, latencies: latencies.sort((a, b) => a - b), codes };
}

/** Sends `total` requests with `concurrency` in flight over keep-alive connections to localhost;
 * `seen` gets each answer's body. */
export const load = (
  port: number,
  total: number,
  concurrency: number,
  make: Make,
  seen?: Seen,
  accept: Accept = success,
) => closedLoop(port, { total }, concurrency, make, accept, seen);

/** As `load`, for `seconds` rather than a number of requests. */
export const loadFor = (
  port: number,
  seconds: number,
  concurrency: number,
  make: Make,
  accept: Accept = success,
) => closedLoop(port, { seconds }, concurrency, make, accept);

export type OfferResult = LoadResult & {
  /** When each request started (`wallClock`), by index; answered or not. */
  startedAt: number[];
  /** Each request's latency by index (NaN: no answer). */
  latencyOf: number[];
  statusOf: number[];
  /** Requests that went out more than 50 ms after their time (held back by `maxInFlight`, or
   * by a busy benchmark process). */
  late: number;
  /** From the first request's start to the last one's. */
  spanSeconds: number;
};

/**
 * Open loop: request i goes out at `i / rate` seconds whatever the answers to earlier ones, as
 * Meta delivers webhooks, for `seconds`. At most `maxInFlight` wait for an answer at once; a
 * request held back by that limit goes when a place frees and counts as late.
 */
export async function offer(
  port: number,
  o: { rate: number; seconds: number; maxInFlight?: number },
  make: Make,
): Promise<OfferResult> {
  const total = Math.round(o.rate * o.seconds);
  const maxInFlight = o.maxInFlight ?? 1024;
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const startedAt = new Array<number>(total).fill(Number.NaN);
  const latencyOf = new Array<number>(total).fill(Number.NaN);
  const statusOf = new Array<number>(total).fill(0);
  const codes: Record<string, number> = {};
  let inFlight = 0;
  let ok = 0;
  let failed = 0;
  let late = 0;
  const freed: (() => void)[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (inFlight >= maxInFlight) await new Promise<void>((r) => freed.push(r));
    if (performance.now() - due > 50) late++;
    inFlight++;
    startedAt[i] = wallClock();
    pending.push(
      send(agent, port, make(i)).then((r) => {
        inFlight--;
        freed.shift()?.();
        statusOf[i] = r.status;
        tally(codes, r.status);
        if (r.status >= 200 && r.status < 300) {
          ok++;
          latencyOf[i] = r.ms;
        } else failed++;
      }),
    );
  }
  const spanSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const latencies = latencyOf.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return {
    sent: total,
    ok,
    failed,
    seconds,
    latencies,
    codes,
    startedAt,
    latencyOf,
    statusOf,
    late,
    spanSeconds,
  };
}
