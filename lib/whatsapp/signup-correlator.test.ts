import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSignupCorrelator, NO_CODE, NO_EVENT, type SignupOutcome } from "./signup-correlator";

const finish = {
  kind: "finish" as const,
  event: "FINISH",
  wabaId: "102290129340398",
  phoneNumberId: "106540352242922",
};

describe("createSignupCorrelator", () => {
  let outcomes: SignupOutcome[];
  const make = () =>
    createSignupCorrelator({ onOutcome: (o) => outcomes.push(o), waitMs: 5000, closeWaitMs: 1500 });
  beforeEach(() => {
    outcomes = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("pairs the code with the event when the event comes first", () => {
    const c = make();
    c.message(finish);
    expect(outcomes).toEqual([]);
    c.login({ authResponse: { code: "code-1" } });
    expect(outcomes).toEqual([
      {
        kind: "finish",
        code: "code-1",
        event: { event: "FINISH", wabaId: finish.wabaId, phoneNumberId: finish.phoneNumberId },
      },
    ]);
  });

  it("pairs them when the code comes first, within the wait", () => {
    const c = make();
    c.login({ authResponse: { code: "code-2" } });
    vi.advanceTimersByTime(4000);
    c.message(finish);
    expect(outcomes).toMatchObject([{ kind: "finish", code: "code-2" }]);
    vi.advanceTimersByTime(10_000);
    expect(outcomes).toHaveLength(1);
  });

  it("gives up on a code whose event never comes", () => {
    const c = make();
    c.login({ authResponse: { code: "code-3" } });
    vi.advanceTimersByTime(5000);
    expect(outcomes).toEqual([{ kind: "error", message: NO_EVENT }]);
    c.message(finish);
    expect(outcomes).toHaveLength(1);
  });

  it("reports a cancel with its step at once, and ignores the empty login after it", () => {
    const c = make();
    c.message({ kind: "cancel", step: "PHONE_NUMBER_SETUP" });
    c.login({ authResponse: null });
    vi.advanceTimersByTime(10_000);
    expect(outcomes).toEqual([{ kind: "cancel", step: "PHONE_NUMBER_SETUP" }]);
  });

  it("waits briefly after an empty login for the reason, then reports a plain cancel", () => {
    const c = make();
    c.login({ authResponse: null });
    vi.advanceTimersByTime(1000);
    c.message({ kind: "error", message: "Not eligible", sessionId: "s1" });
    expect(outcomes).toEqual([{ kind: "error", message: "Not eligible", sessionId: "s1" }]);

    const d = make();
    d.login({});
    vi.advanceTimersByTime(1500);
    expect(outcomes.at(-1)).toEqual({ kind: "cancel" });
  });

  it("reports a finish without a code as an error", () => {
    const c = make();
    c.message(finish);
    c.login({ authResponse: null });
    expect(outcomes).toEqual([{ kind: "error", message: NO_CODE }]);
  });

  it("does nothing once disposed (a newer attempt has started)", () => {
    const c = make();
    c.login({ authResponse: { code: "stale" } });
    c.dispose();
    c.message(finish);
    vi.advanceTimersByTime(10_000);
    expect(outcomes).toEqual([]);
  });
});
