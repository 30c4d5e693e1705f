import { latestSignupSession } from "@/db/queries/signup-sessions";
import type { OnboardingDeps } from "./deps";
import type { SignupSessionView } from "./types";
import { needsNumber, toSignupSessionView } from "./view";
import { fetchWabaNumbers } from "./waba-numbers";

/**
 * The workspace's latest signup while it is unfinished (a failed step to retry, or a number
 * still to choose), for the connection page's first paint; null once it has connected.
 */
export async function latestUnfinishedSignupView(
  deps: OnboardingDeps,
  workspaceId: string,
): Promise<SignupSessionView | null> {
  const session = await latestSignupSession(deps.db, workspaceId);
  if (!session || session.completedAt) return null;
  const numbers = needsNumber(session) ? await fetchWabaNumbers(deps, session) : undefined;
  return toSignupSessionView(deps, session, numbers);
}
