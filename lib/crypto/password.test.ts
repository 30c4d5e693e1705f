import { describe, expect, it } from "vitest";
import { hasBrand } from "@/lib/errors/brand";
import {
  createHashLimiter,
  HASH_CONCURRENCY,
  HASH_QUEUE_LIMIT,
  hashPassword,
  isPasswordHashBusy,
  verifyPassword,
} from "./password";

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("correct horse battery", cheap);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const a = await hashPassword("same password!", cheap);
    const b = await hashPassword("same password!", cheap);
    expect(a).not.toBe(b);
  });

  it("treats a malformed stored value as a mismatch", async () => {
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });

  it("uses the strong default cost", async () => {
    expect(await hashPassword("a long enough one")).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("password hash queue", () => {
  it("runs two at once, queues a few, and refuses the next at once with a branded error", async () => {
    const limiter = createHashLimiter(2, 3);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const admitted = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    expect(limiter.running).toBe(2);
    expect(limiter.waiting).toBe(3);
    // Refused while no slot is freed (the gates are all shut), so it cannot have waited for one.
    const outcome = await limiter.run(async () => "never").catch((e: unknown) => e);
    expect(isPasswordHashBusy(outcome)).toBe(true);
    expect(hasBrand(outcome, "PasswordHashBusy")).toBe(true);
    expect((outcome as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1]);

    for (const g of gates) g.resolve();
    expect(await Promise.all(admitted)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.running).toBe(0);

    // Once the burst has cleared, a real request is served.
    expect(await limiter.run(async () => "served")).toBe("served");
  });

  it("keeps the concurrency while queued hashes are handed a slot", async () => {
    const limiter = createHashLimiter(2, 10);
    let now = 0;
    let peak = 0;
    const runs = Array.from({ length: 8 }, () =>
      limiter.run(async () => {
        now += 1;
        peak = Math.max(peak, now);
        await new Promise((r) => setTimeout(r, 1));
        now -= 1;
      }),
    );
    // A newcomer while slots are being handed over still queues behind the others.
    await Promise.all(runs);
    expect(peak).toBe(2);
  });

  it("lets a patient caller (CLI tools) wait beyond the bound", async () => {
    const limiter = createHashLimiter(1, 0);
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    await expect(limiter.run(async () => 1)).rejects.toSatisfy(isPasswordHashBusy);
    const patient = limiter.run(async () => "waited", { patient: true });
    gate.resolve();
    await first;
    expect(await patient).toBe("waited");
  });

  it("bounds the real hashing: a burst beyond the queue is refused, then hashing resumes", async () => {
    const burst = HASH_CONCURRENCY + HASH_QUEUE_LIMIT;
    const accepted = Array.from({ length: burst }, () => hashPassword("bogus password!", cheap));
    await expect(hashPassword("one too many!", cheap)).rejects.toSatisfy(isPasswordHashBusy);
    await expect(
      verifyPassword("one too many!", await hashPassword("x", cheap, { patient: true })),
    ).resolves.toBe(false);
    await Promise.all(accepted);
    const stored = await hashPassword("the real one!", cheap);
    expect(await verifyPassword("the real one!", stored)).toBe(true);
  });
});
