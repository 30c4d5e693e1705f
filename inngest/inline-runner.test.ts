import { NonRetriableError } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { storingDeliveries, whileStoring } from "@/lib/jobs/ingest-gate";
import { whileWaiting } from "@/lib/jobs/waiting";
import { createInlineRunner } from "./inline-runner";

type Job = { id: string; key: string };
const base = { key: (d: Job) => d.key, id: (d: Job) => d.id, backoffMs: () => 1 };

describe("inline job runner", () => {
  it("runs jobs with the same key one at a time, in order, and other keys alongside", async () => {
    const log: string[] = [];
    const runner = createInlineRunner<Job>({
      ...base,
      onFailure: async () => {},
      handler: async ({ event }) => {
        log.push(`start ${event.data.id}`);
        await new Promise((r) => setTimeout(r, event.data.id === "a1" ? 20 : 1));
        log.push(`end ${event.data.id}`);
      },
    });
    runner.enqueue({ id: "a1", key: "a" });
    runner.enqueue({ id: "a2", key: "a" });
    runner.enqueue({ id: "b1", key: "b" });
    await runner.idle();
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });

  it("lends a job's slot out while it waits on the network, and takes it back before going on", async () => {
    let running = 0;
    let most = 0;
    let waiting = 0;
    let mostWaiting = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
    };
    const runner = createInlineRunner<Job>({
      ...base,
      concurrency: 2,
      onFailure: async () => {},
      handler: async () => {
        await work();
        await whileWaiting(async () => {
          waiting++;
          mostWaiting = Math.max(mostWaiting, waiting);
          await new Promise((r) => setTimeout(r, 50));
          waiting--;
        });
        await work();
      },
    });
    const started = performance.now();
    for (let i = 0; i < 40; i++) runner.enqueue({ id: `j${i}`, key: `k${i}` });
    await runner.idle();
    // Sixteen 50 ms waits side by side (eight per slot), not twenty rounds of two.
    expect(performance.now() - started).toBeLessThan(600);
    expect(mostWaiting).toBe(16);
    // The work itself never ran more than two at a time.
    expect(most).toBe(2);
  });

  it("takes no slot back for a wait its job abandoned", async () => {
    let leftBehind: Promise<unknown> = Promise.resolve();
    const runner = createInlineRunner<Job>({
      ...base,
      concurrency: 1,
      onFailure: async () => {},
      handler: async ({ event }) => {
        if (event.data.id === "first") {
          leftBehind = whileWaiting(() => new Promise((r) => setTimeout(r, 30)));
        }
      },
    });
    runner.enqueue({ id: "first", key: "a" });
    await runner.idle();
    await leftBehind;
    runner.enqueue({ id: "second", key: "a" });
    // It runs: the runner's only slot was not kept by the abandoned wait.
    await runner.idle();
    expect(runner.isInFlight("second")).toBe(false);
  });

  it("ignores a job already in flight", async () => {
    const handler = vi.fn(async () => {});
    const runner = createInlineRunner<Job>({ ...base, handler, onFailure: async () => {} });
    expect(runner.enqueue({ id: "x", key: "k" })).toBe(true);
    expect(runner.enqueue({ id: "x", key: "k" })).toBe(false);
    await runner.idle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(runner.enqueue({ id: "x", key: "k" })).toBe(true);
    await runner.idle();
  });

  it("retries failures without repeating finished steps, round-tripping results as JSON", async () => {
    const sideEffect = vi.fn(() => ({ at: new Date("2026-01-01T00:00:00Z") }));
    let attempts = 0;
    const seen: unknown[] = [];
    const runner = createInlineRunner<Job>({
      ...base,
      onFailure: async () => {},
      handler: async ({ step }) => {
        const first = await step.run("side-effect", sideEffect);
        seen.push(first);
        attempts++;
        if (attempts < 3) throw new Error("flaky");
      },
    });
    runner.enqueue({ id: "r", key: "k" });
    await runner.idle();
    expect(attempts).toBe(3);
    expect(sideEffect).toHaveBeenCalledTimes(1);
    expect(seen[0]).toEqual({ at: "2026-01-01T00:00:00.000Z" });
  });

  it("calls onFailure after the last retry, and at once for a NonRetriableError", async () => {
    const onFailure = vi.fn(async () => {});
    const flaky = vi.fn(async () => {
      throw new Error("down");
    });
    const runner = createInlineRunner<Job>({ ...base, retries: 2, handler: flaky, onFailure });
    runner.enqueue({ id: "f", key: "k" });
    await runner.idle();
    expect(flaky).toHaveBeenCalledTimes(3);
    expect(onFailure).toHaveBeenCalledWith({ id: "f", key: "k" }, expect.any(Error));

    const fatal = vi.fn(async () => {
      throw new NonRetriableError("bad input");
    });
    const runner2 = createInlineRunner<Job>({ ...base, retries: 5, handler: fatal, onFailure });
    runner2.enqueue({ id: "g", key: "k" });
    await runner2.idle();
    expect(fatal).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledTimes(2);
  });
});

describe("inline job runner limits", () => {
  it("runs at most `concurrency` jobs at once and keeps each key's order", async () => {
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const runner = createInlineRunner<Job>({
      ...base,
      concurrency: 3,
      onFailure: async () => {},
      handler: async ({ event }) => {
        running++;
        peak = Math.max(peak, running);
        order.push(event.data.id);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    for (let i = 0; i < 20; i++) runner.enqueue({ id: `j${i}`, key: `k${i % 5}` });
    await runner.idle();
    expect(peak).toBe(3);
    expect(order).toHaveLength(20);
    for (let k = 0; k < 5; k++) {
      const mine = order.filter((id) => Number(id.slice(1)) % 5 === k);
      expect(mine).toEqual([...mine].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    }
  });

  it("starts a quarter of its jobs while a webhook delivery is being stored, the rest after", async () => {
    let running = 0;
    let peak = 0;
    const runner = createInlineRunner<Job>({
      ...base,
      concurrency: 8,
      onFailure: async () => {},
      handler: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    let storedAll!: () => void;
    const storing = whileStoring(() => new Promise<void>((r) => (storedAll = r)));
    for (let i = 0; i < 40; i++) runner.enqueue({ id: `j${i}`, key: `k${i}` });
    await new Promise((r) => setTimeout(r, 40));
    expect(storingDeliveries()).toBe(true);
    expect(peak).toBe(2);
    storedAll();
    await storing;
    expect(storingDeliveries()).toBe(false);
    await new Promise((r) => setTimeout(r, 1));
    expect(running).toBe(8);
    await runner.idle();
  });

  it("waits as long as a RetryAfterError asks, without holding a slot meanwhile", async () => {
    const { RetryAfterError } = await import("inngest");
    const started: number[] = [];
    const runner = createInlineRunner<Job>({
      ...base,
      concurrency: 1,
      backoffMs: () => 5_000,
      onFailure: async () => {},
      handler: async ({ event, attempt }) => {
        if (event.data.id === "wait") {
          started.push(Date.now());
          if (attempt === 0) throw new RetryAfterError("not yet", new Date(Date.now() + 150));
        }
      },
    });
    const t0 = Date.now();
    runner.enqueue({ id: "wait", key: "a" });
    runner.enqueue({ id: "other", key: "b" });
    await runner.idle();
    expect(started).toHaveLength(2);
    const waited = (started[1] ?? 0) - (started[0] ?? 0);
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(2_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});

describe("inline job runner sleeps", () => {
  it("a job that sleeps lets the next job of its key run, then resumes with its steps kept", async () => {
    let secondDone = false;
    const log: string[] = [];
    const sideEffect = vi.fn(() => "once");
    const runner = createInlineRunner<Job>({
      ...base,
      onFailure: async () => {},
      handler: async ({ event, step }) => {
        if (event.data.id === "second") {
          log.push("second");
          secondDone = true;
          return;
        }
        await step.run("before", sideEffect);
        // Waits for the job queued behind it, as a run waits for an earlier message's run.
        for (let i = 0; !secondDone; i++) {
          log.push(`first waits ${i}`);
          await step.sleep(`wait-${i}`, 5);
        }
        log.push("first");
      },
    });
    runner.enqueue({ id: "first", key: "k" });
    runner.enqueue({ id: "second", key: "k" });
    expect(runner.enqueue({ id: "first", key: "k" })).toBe(false);
    await runner.idle();
    expect(log).toEqual(["first waits 0", "second", "first"]);
    expect(sideEffect).toHaveBeenCalledTimes(1);
    expect(runner.isInFlight("first")).toBe(false);
  });
});
