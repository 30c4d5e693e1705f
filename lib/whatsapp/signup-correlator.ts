import type { SignupMessage } from "./embedded-signup-events";

// Embedded Signup answers on two channels: the code through FB.login's callback, the account
// ids through a window message. They arrive in either order; this pairs them for one attempt.

type Finish = Extract<SignupMessage, { kind: "finish" }>;

export type SignupOutcome =
  | { kind: "finish"; code: string; event: Omit<Finish, "kind"> }
  | Exclude<SignupMessage, Finish>;

export type LoginResponse = { authResponse?: { code?: string } | null };

export const NO_EVENT =
  "Facebook did not say which WhatsApp Business account was shared. Please try again.";
export const NO_CODE = "Facebook did not hand over access for this signup. Please try again.";

/** One attempt's correlator: reports exactly one outcome, then ignores everything else. */
export function createSignupCorrelator(opts: {
  onOutcome: (outcome: SignupOutcome) => void;
  /** How long a code waits for its account ids. */
  waitMs?: number;
  /** How long a closed login waits for the message saying why (cancel or error). */
  closeWaitMs?: number;
}) {
  const waitMs = opts.waitMs ?? 5000;
  const closeWaitMs = opts.closeWaitMs ?? 1500;
  let settled = false;
  let code: string | undefined;
  let finish: Finish | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function settle(outcome: SignupOutcome) {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    opts.onOutcome(outcome);
  }
  const finished = (c: string, f: Finish) => {
    const { kind: _kind, ...event } = f;
    settle({ kind: "finish", code: c, event });
  };

  return {
    message(m: SignupMessage) {
      if (settled) return;
      if (m.kind !== "finish") return settle(m);
      finish = m;
      if (code) finished(code, m);
    },
    login(response: LoginResponse) {
      if (settled) return;
      code = response.authResponse?.code || undefined;
      if (code && finish) return finished(code, finish);
      if (finish) return settle({ kind: "error", message: NO_CODE });
      timer = code
        ? setTimeout(() => settle({ kind: "error", message: NO_EVENT }), waitMs)
        : setTimeout(() => settle({ kind: "cancel" }), closeWaitMs);
    },
    dispose() {
      settled = true;
      clearTimeout(timer);
    },
  };
}
