import { recordAudit } from "@/db/queries/audit-log";
import {
  forgetSignupSecrets,
  type SignupSession,
  updateSignupSession,
} from "@/db/queries/signup-sessions";
import type { SignupStepName, SignupSteps } from "@/db/schema/onboarding";
import type { OnboardingDeps } from "./deps";
import { details } from "./steps/details";
import { exchange } from "./steps/exchange";
import { register } from "./steps/register";
import type { Step } from "./steps/step";
import { subscribe } from "./steps/subscribe";
import { sync } from "./steps/sync";
import { token } from "./steps/token";
import { STEP_ORDER } from "./view";

const STEPS: Record<SignupStepName, Step> = {
  exchange,
  token,
  subscribe,
  register,
  details,
  sync,
};

/**
 * Runs the steps from `from` to the end, saving each outcome as it happens. A failure stops
 * the run and leaves later steps pending, so a retry can start from the failed one.
 */
export async function runSignupSteps(
  deps: OnboardingDeps,
  session: SignupSession,
  opts: { from: SignupStepName; userId: string; code?: string },
): Promise<SignupSession> {
  const start = STEP_ORDER.indexOf(opts.from);
  let current: SignupSession = {
    ...session,
    steps: Object.fromEntries(
      Object.entries(session.steps).filter(
        ([name]) => STEP_ORDER.indexOf(name as SignupStepName) < start,
      ),
    ) as SignupSteps,
  };
  for (const name of STEP_ORDER.slice(start)) {
    const outcome = await STEPS[name]({
      deps,
      session: current,
      userId: opts.userId,
      ...(name === "exchange" && { code: opts.code }),
    });
    // Only Meta's own codes are kept: ours (no answer, unreadable answer) are negative.
    const code = outcome.code !== undefined && outcome.code > 0 ? outcome.code : undefined;
    const steps: SignupSteps = {
      ...current.steps,
      [name]: {
        status: outcome.status,
        message: outcome.message,
        ...(code !== undefined && { code }),
        at: new Date().toISOString(),
      },
    };
    const saved = await updateSignupSession(deps.db, {
      workspaceId: current.workspaceId,
      id: current.id,
      steps,
      ...outcome.patch,
    });
    if (!saved) throw new Error("The signup session disappeared while it was running");
    current = saved;
    if (outcome.status === "failed") {
      await recordAudit(deps.db, {
        workspaceId: current.workspaceId,
        actorType: "user",
        actorId: opts.userId,
        action: "signup.step_failed",
        target: current.id,
        details: {
          step: name,
          code: code ?? null,
          wabaId: current.wabaId,
          phoneNumberId: current.phoneNumberId,
        },
      });
      break;
    }
    if (outcome.stop) break;
  }
  if (current.completedAt) {
    await forgetSignupSecrets(deps.db, { workspaceId: current.workspaceId, id: current.id });
    return { ...current, accessTokenEncrypted: null, registrationPinEncrypted: null };
  }
  return current;
}
