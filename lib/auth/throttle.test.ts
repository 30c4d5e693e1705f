import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { forgiveSignIn, formatWait, pendingDelay, releaseAttempt, takeAttempt } from "./throttle";

const T0 = new Date("2026-03-01T12:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** One counted guess, made as soon as the throttle allows: returns the clock at which it was made. */
async function guess(
  handle: DatabaseHandle,
  subjects: Parameters<typeof takeAttempt>[1],
  clock: number,
): Promise<number> {
  const verdict = await takeAttempt(handle.db, subjects, later(clock));
  if (!verdict.limited) return clock;
  const at = clock + verdict.retryAfterSeconds;
  expect(await takeAttempt(handle.db, subjects, later(at))).toEqual({ limited: false });
  return at;
}

describe.each(testDatabaseKinds)("sign-in delays (%s)", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("lets three failures through free, then doubles the wait per account, whatever the e-mail's case", async () => {
    const db = handle.db;
    const email = "Sam@Shop.test";
    let clock = 0;
    for (let i = 0; i < 3; i++)
      expect(await takeAttempt(db, { email }, later(clock))).toEqual({ limited: false });
    // Each further failure doubles the wait: 1 s, 2 s, 4 s, 8 s …
    for (const wait of [1, 2, 4, 8, 16]) {
      expect(await takeAttempt(db, { email: "sam@shop.test" }, later(clock))).toEqual({
        limited: false,
      });
      expect(await takeAttempt(db, { email: "SAM@shop.test" }, later(clock))).toEqual({
        limited: true,
        retryAfterSeconds: wait,
      });
      // Asking early does not extend the wait.
      expect(await takeAttempt(db, { email }, later(clock + wait - 0.5))).toEqual({
        limited: true,
        retryAfterSeconds: 1,
      });
      clock += wait;
    }
    expect(await takeAttempt(db, { email: "other@shop.test" }, later(clock))).toEqual({
      limited: false,
    });
  });

  it("caps the wait at 15 minutes, and forgets an account quiet for a day", async () => {
    const db = handle.db;
    const email = "cap@shop.test";
    let clock = 0;
    for (let i = 0; i < 40; i++) clock = await guess(handle, { email }, clock);
    expect(await takeAttempt(db, { email }, later(clock))).toEqual({
      limited: true,
      retryAfterSeconds: 15 * 60,
    });
    const nextDay = clock + 24 * 3600;
    for (let i = 0; i < 4; i++) {
      expect(await takeAttempt(db, { email }, later(nextDay))).toEqual({ limited: false });
    }
  });

  it("a successful sign-in resets the account, and does not count against the address", async () => {
    const db = handle.db;
    const subjects = { email: "kim@shop.test", address: "198.51.100.20" };
    for (let i = 0; i < 4; i++) await takeAttempt(db, subjects, T0);
    expect(await takeAttempt(db, subjects, T0)).toMatchObject({ limited: true });
    expect(await takeAttempt(db, subjects, later(1))).toEqual({ limited: false });
    await forgiveSignIn(db, subjects);
    for (let i = 0; i < 3; i++) {
      expect(await takeAttempt(db, subjects, later(1))).toEqual({ limited: false });
    }
    // Eight failures charged to the address, none for the sign-in that succeeded.
    expect(await pendingDelay(db, { address: subjects.address }, later(1))).toEqual({
      limited: false,
    });
  });

  it("a stranger's wrong passwords hold the owner back one account wait, not the address's", async () => {
    const db = handle.db;
    const email = "owner@shop.test";
    const stranger = "203.0.113.66";
    let clock = 0;
    // Failures for many accounts from one address: 20 are free, then the address waits too.
    for (let i = 0; i < 25; i++) {
      clock = await guess(handle, { email: `victim${i}@shop.test`, address: stranger }, clock);
    }
    for (let i = 0; i < 5; i++) clock = await guess(handle, { email, address: stranger }, clock);
    // The stranger waits 2^9 s for the address; the owner, elsewhere, 2 s for the account.
    expect(await pendingDelay(db, { email, address: stranger }, later(clock))).toEqual({
      limited: true,
      retryAfterSeconds: 512,
    });
    const owner = { email, address: "198.51.100.1" };
    expect(await takeAttempt(db, owner, later(clock))).toEqual({
      limited: true,
      retryAfterSeconds: 2,
    });
    expect(await takeAttempt(db, owner, later(clock + 2))).toEqual({ limited: false });
    const other = { email: "fresh@shop.test", address: stranger };
    expect(await takeAttempt(db, other, later(clock + 2))).toMatchObject({ limited: true });
  });

  it("lets one of a burst of parallel guesses through each opening", async () => {
    const email = "burst@shop.test";
    for (let i = 0; i < 3; i++) await takeAttempt(handle.db, { email }, T0);
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, () => takeAttempt(handle.db, { email }, T0)),
    );
    expect(verdicts.filter((v) => !v.limited)).toHaveLength(1);
  });

  it("refusal by the account does not charge the address, and a busy server charges neither", async () => {
    const db = handle.db;
    const address = "198.51.100.30";
    for (let i = 0; i < 4; i++) await takeAttempt(db, { email: "held@shop.test" }, T0);
    for (let i = 0; i < 30; i++) {
      expect(await takeAttempt(db, { email: "held@shop.test", address }, T0)).toMatchObject({
        limited: true,
      });
    }
    for (let i = 0; i < 30; i++) {
      const subjects = { email: `busy${i}@shop.test`, address };
      expect(await takeAttempt(db, subjects, T0)).toEqual({ limited: false });
      await releaseAttempt(db, subjects);
    }
    expect(await pendingDelay(db, { address }, T0)).toEqual({ limited: false });
  });

  it("sign-ups from one address: ten, then 30 s, 60 s …", async () => {
    const db = handle.db;
    const signup = "203.0.113.9";
    for (let i = 0; i < 11; i++)
      expect(await takeAttempt(db, { signup }, T0)).toEqual({ limited: false });
    expect(await takeAttempt(db, { signup }, T0)).toEqual({ limited: true, retryAfterSeconds: 30 });
    expect(await takeAttempt(db, { signup }, later(30))).toEqual({ limited: false });
    expect(await takeAttempt(db, { signup }, later(30))).toEqual({
      limited: true,
      retryAfterSeconds: 60,
    });
    // Quiet for an hour: starts over.
    expect(await takeAttempt(db, { signup }, later(30 + 3600))).toEqual({ limited: false });
    expect(await takeAttempt(db, { signup }, later(30 + 3600))).toEqual({ limited: false });
  });
});

describe("formatWait", () => {
  it("speaks in seconds, then minutes", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(37)).toBe("37 seconds");
    expect(formatWait(900)).toBe("15 minutes");
    expect(formatWait(95)).toBe("2 minutes");
  });
});
