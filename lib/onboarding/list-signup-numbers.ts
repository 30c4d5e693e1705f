import { getSignupSession } from "@/db/queries/signup-sessions";
import { signupSessionRefSchema } from "@/lib/validations/onboarding";
import { SESSION_NOT_FOUND, SUPERSEDED } from "./advice";
import type { OnboardingDeps } from "./deps";
import { isSuperseded } from "./superseded";
import type { Result, SignupSessionView } from "./types";
import { needsNumber, toSignupSessionView } from "./view";
import { fetchWabaNumbers } from "./waba-numbers";

/** "Check again": the numbers now in the shared WABA, e.g. after one was added in WhatsApp Manager. */
export async function listSignupNumbers(
  deps: OnboardingDeps,
  input: { workspaceId: string; sessionId: string; userId: string },
): Promise<Result<SignupSessionView>> {
  const parsed = signupSessionRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: SESSION_NOT_FOUND };
  const { workspaceId, sessionId } = parsed.data;
  const session = await getSignupSession(deps.db, { workspaceId, id: sessionId });
  if (!session) return { ok: false, message: SESSION_NOT_FOUND };
  if (!needsNumber(session)) {
    return { ok: false, message: "This signup is not waiting for a number to be chosen." };
  }
  if (await isSuperseded(deps, session)) return { ok: false, message: SUPERSEDED };
  const numbers = await fetchWabaNumbers(deps, session);
  if (numbers.error !== null) return { ok: false, message: numbers.error };
  return { ok: true, data: await toSignupSessionView(deps, session, numbers) };
}
