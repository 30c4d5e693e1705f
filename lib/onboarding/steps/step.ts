import type { SignupSession, SignupSessionPatch } from "@/db/queries/signup-sessions";
import type { OnboardingDeps } from "../deps";

export type StepInput = {
  deps: OnboardingDeps;
  session: SignupSession;
  userId: string;
  /** The one-time code; only the exchange step has it. */
  code?: string;
};

export type StepOutcome = {
  status: "ok" | "failed" | "skipped";
  /** For the business owner: never holds a secret. */
  message: string;
  code?: number;
  patch?: SignupSessionPatch;
  /** Later steps cannot run yet (there is no number to register). */
  stop?: boolean;
};

export type Step = (input: StepInput) => Promise<StepOutcome>;
