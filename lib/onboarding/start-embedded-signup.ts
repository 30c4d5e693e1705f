import { createSignupSession } from "@/db/queries/signup-sessions";
import { startEmbeddedSignupSchema } from "@/lib/validations/onboarding";
import type { OnboardingDeps } from "./deps";
import { runSignupSteps } from "./run-signup-steps";
import type { Result, SignupSessionView } from "./types";
import { needsNumber, toSignupSessionView } from "./view";
import { fetchWabaNumbers } from "./waba-numbers";

/**
 * Embedded Signup has finished in the browser: exchange its code at once (it lives 30 seconds),
 * then check the token, subscribe, register and connect, recording each step's outcome.
 */
export async function startEmbeddedSignup(
  deps: OnboardingDeps,
  input: {
    workspaceId: string;
    userId: string;
    code: string;
    event: { event: string; wabaId: string; phoneNumberId?: string; businessId?: string };
  },
): Promise<Result<SignupSessionView>> {
  const parsed = startEmbeddedSignupSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Facebook's answer from the signup was incomplete. Please run the signup again.",
    };
  }
  const { workspaceId, userId, code, event } = parsed.data;
  const session = await createSignupSession(deps.db, {
    workspaceId,
    createdBy: userId,
    flow: "embedded",
    event: event.event,
    wabaId: event.wabaId,
    // Meta leaves the number out of FINISH_ONLY_WABA; one sent anyway is not trusted.
    phoneNumberId: event.event === "FINISH_ONLY_WABA" ? null : (event.phoneNumberId ?? null),
    businessId: event.businessId ?? null,
  });
  const done = await runSignupSteps(deps, session, { from: "exchange", userId, code });
  const numbers = needsNumber(done) ? await fetchWabaNumbers(deps, done) : undefined;
  return { ok: true, data: await toSignupSessionView(deps, done, numbers) };
}
