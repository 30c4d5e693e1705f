import { getSignupSession, updateSignupSession } from "@/db/queries/signup-sessions";
import { chooseSignupNumberSchema } from "@/lib/validations/onboarding";
import { SESSION_NOT_FOUND, SUPERSEDED } from "./advice";
import type { OnboardingDeps } from "./deps";
import { runSignupSteps } from "./run-signup-steps";
import { isSuperseded } from "./superseded";
import type { Result, SignupSessionView } from "./types";
import { needsNumber, toSignupSessionView } from "./view";
import { fetchWabaNumbers } from "./waba-numbers";

/**
 * A signup that finished without a number (FINISH_ONLY_WABA, or a flow that named none). Once a number is in it,
 * the one chosen is registered and connected with the token the signup already holds.
 */
export async function chooseSignupNumber(
  deps: OnboardingDeps,
  input: { workspaceId: string; sessionId: string; phoneNumberId: string; userId: string },
): Promise<Result<SignupSessionView>> {
  const parsed = chooseSignupNumberSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Choose one of the listed numbers." };
  const { workspaceId, sessionId, phoneNumberId, userId } = parsed.data;
  const session = await getSignupSession(deps.db, { workspaceId, id: sessionId });
  if (!session) return { ok: false, message: SESSION_NOT_FOUND };
  if (await isSuperseded(deps, session)) return { ok: false, message: SUPERSEDED };
  if (session.completedAt) {
    return { ok: false, message: "This signup has already connected a number." };
  }
  if (!needsNumber(session)) {
    return { ok: false, message: "This signup is not waiting for a number to be chosen." };
  }
  const numbers = await fetchWabaNumbers(deps, session);
  if (numbers.error !== null) return { ok: false, message: numbers.error };
  if (!numbers.list.some((n) => n.id === phoneNumberId)) {
    return {
      ok: false,
      message:
        "That number is not in the WhatsApp Business account you shared. Check again and pick one from the list.",
    };
  }
  const chosen = await updateSignupSession(deps.db, { workspaceId, id: sessionId, phoneNumberId });
  if (!chosen) return { ok: false, message: SESSION_NOT_FOUND };
  const done = await runSignupSteps(deps, chosen, { from: "register", userId });
  return { ok: true, data: await toSignupSessionView(deps, done) };
}
