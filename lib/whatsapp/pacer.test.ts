import { describe, expect, it } from "vitest";
import { COEXISTENCE_MESSAGES_PER_SECOND, createPacer } from "./pacer";
import { splitText } from "./split-text";

function clock() {
  let t = 0;
  const sleep = async (ms: number) => {
    t += ms;
  };
  return { now: () => t, sleep, at: () => t };
}

describe("pacer", () => {
  it("lets a short burst to one customer through, then one message per 6 seconds", async () => {
    const c = clock();
    const pacer = createPacer({ pairBurst: 3, now: c.now, sleep: c.sleep });
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await pacer.acquire("num", "cust"));
    expect(waits).toEqual([0, 0, 0, 6000, 6000]);
    expect(await pacer.acquire("num", "other")).toBe(0);
  });

  it("keeps a number under its throughput", async () => {
    const c = clock();
    const pacer = createPacer({ perNumber: 80, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 160; i++) await pacer.acquire("num", `cust${i}`);
    // 80 at once, then 80 more at 80/s: about one second.
    expect(c.at()).toBeGreaterThanOrEqual(990);
    expect(c.at()).toBeLessThanOrEqual(1010);
  });

  it("paces a Coexistence number at its own 20 a second while others keep 80", async () => {
    const c = clock();
    const pacer = createPacer({ perNumber: 80, now: c.now, sleep: c.sleep });
    pacer.setRate("coex", COEXISTENCE_MESSAGES_PER_SECOND);
    for (let i = 0; i < 60; i++) await pacer.acquire("coex", `cust${i}`);
    // 20 at once, then 40 more at 20/s: about two seconds.
    expect(c.at()).toBeGreaterThanOrEqual(1990);
    expect(c.at()).toBeLessThanOrEqual(2010);
    const before = c.at();
    for (let i = 0; i < 80; i++) await pacer.acquire("other", `cust${i}`);
    expect(c.at()).toBe(before);
    pacer.setRate("coex", null);
    const after = c.at() + 10_000;
    await c.sleep(10_000);
    for (let i = 0; i < 80; i++) await pacer.acquire("coex", `late${i}`);
    expect(c.at()).toBe(after);
  });
});

describe("splitText", () => {
  it("keeps short text whole and cuts long text at sentence or line ends", () => {
    expect(splitText("Hi there.")).toEqual(["Hi there."]);
    const sentence = "This sentence is exactly fifty characters long!!. ";
    const text = sentence.repeat(100).trim();
    const parts = splitText(text, 1000);
    expect(parts.every((p) => p.length <= 1000 && p.endsWith("."))).toBe(true);
    expect(parts.join(" ")).toBe(text);
    expect(splitText("x".repeat(2500), 1000).map((p) => p.length)).toEqual([1000, 1000, 500]);
  });
});
