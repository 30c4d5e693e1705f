import { performance } from "node:perf_hooks";

export type Row = {
  benchmark: string;
  engine: string;
  n: number;
  p50: string;
  p95: string;
  p99?: string;
  throughput?: string;
  extra?: string;
};

/** Lines a suite prints below the table (profiles, breakdowns), in the order added. */
export const appendix: string[] = [];

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns milliseconds, sorted. */
export async function timeRuns(
  runs: number,
  fn: (i: number) => Promise<unknown> | unknown,
  warmup = 5,
) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export const ms = (v: number) => (v < 0.1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(2)} ms`);
