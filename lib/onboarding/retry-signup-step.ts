import { getSignupSession } from "@/db/queries/signup-sessions";
import { signupSessionRefSchema } from "@/lib/validations/onboarding";
import { SESSION_NOT_FOUND, SUPERSEDED } from "./advice";
import type { OnboardingDeps } from "./deps";
import { runSignupSteps } from "./run-signup-steps";
import { isSuperseded } from "./superseded";
import type { Result, SignupSessionView } from "./types";
import { firstFailedStep, toSignupSessionView } from "./view";

/** Runs the failed step again with the stored token, then the steps after it. */
export async function retrySignupStep(
  deps: OnboardingDeps,
  input: { workspaceId: string; sessionId: string; userId: string },
): Promise<Result<SignupSessionView>> {
  const parsed = signupSessionRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: SESSION_NOT_FOUND };
  const { workspaceId, sessionId, userId } = parsed.data;
  const session = await getSignupSession(deps.db, { workspaceId, id: sessionId });
  if (!session) return { ok: false, message: SESSION_NOT_FOUND };
  if (await isSuperseded(deps, session)) return { ok: false, message: SUPERSEDED };
  const failed = firstFailedStep(session);
  if (failed === "exchange") {
    return {
      ok: false,
      message:
        "Facebook's one-time code cannot be used again, so this step cannot be retried. Run the signup again.",
    };
  }
  const done = failed ? await runSignupSteps(deps, session, { from: failed, userId }) : session;
  return { ok: true, data: await toSignupSessionView(deps, done) };
}
