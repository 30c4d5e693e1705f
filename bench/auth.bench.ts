import { randomBytes, scrypt } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  createHashLimiter,
  HASH_CONCURRENCY,
  hashPassword,
  isPasswordHashBusy,
  verifyPassword,
} from "@/lib/crypto/password";
import { ms, percentile, type Row } from "./stats";

// A burst of 30 bogus sign-ins, then one real one: how long the real one waits for its hash.
// Before: the old unbounded queue (same concurrency, same scrypt cost). After: the bounded queue,
// where the real one is refused at once and, retrying, is served once the queue drains.
const BURST = 30;
const ROUNDS = 3;
const COST = { N: 2 ** 17, r: 8, p: 1 };
const RETRY_EVERY_MS = 100;

const scryptOnce = () =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt("bogus password", randomBytes(16), 64, { ...COST, maxmem: 256 * 1024 * 1024 }, (e, k) =>
      e ? reject(e) : resolve(k),
    ),
  );

async function unboundedRound(): Promise<number> {
  const old = createHashLimiter(HASH_CONCURRENCY, Number.POSITIVE_INFINITY);
  const burst = Array.from({ length: BURST }, () => old.run(scryptOnce));
  const start = performance.now();
  await old.run(scryptOnce);
  const served = performance.now() - start;
  await Promise.all(burst);
  return served;
}

async function boundedRound(stored: string) {
  const burst = Array.from({ length: BURST }, () =>
    hashPassword("bogus password").catch((e: unknown) => {
      if (!isPasswordHashBusy(e)) throw e;
    }),
  );
  const start = performance.now();
  let answered: number | undefined;
  for (;;) {
    try {
      await verifyPassword("the real password", stored);
      break;
    } catch (e) {
      if (!isPasswordHashBusy(e)) throw e;
      answered ??= performance.now() - start;
      await new Promise((r) => setTimeout(r, RETRY_EVERY_MS));
    }
  }
  const served = performance.now() - start;
  await Promise.all(burst);
  return { answered: answered ?? served, served };
}

export async function authBench(): Promise<Row[]> {
  const stored = await hashPassword("the real password", COST, { patient: true });
  const before: number[] = [];
  const answered: number[] = [];
  const served: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    before.push(await unboundedRound());
    const r = await boundedRound(stored);
    answered.push(r.answered);
    served.push(r.served);
  }
  const sort = (v: number[]) => v.sort((a, b) => a - b);
  const row = (benchmark: string, times: number[], extra: string): Row => ({
    benchmark,
    engine: "node",
    n: times.length,
    p50: ms(percentile(sort(times), 50)),
    p95: ms(percentile(times, 95)),
    extra,
  });
  return [
    row("real sign-in after 30 bogus: before", before, "unbounded queue; served after the burst"),
    row("real sign-in after 30 bogus: after", answered, "bounded queue; refused (busy) at once"),
    row(
      "real sign-in after 30 bogus: after, retrying",
      served,
      `served on retry every ${RETRY_EVERY_MS} ms once the queue drains`,
    ),
  ];
}
