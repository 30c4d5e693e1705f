import { latestSignupSession, type SignupSession } from "@/db/queries/signup-sessions";
import type { OnboardingDeps } from "./deps";

/** Only a workspace's latest signup may go on: an older one must not undo a newer connection. */
export async function isSuperseded(deps: OnboardingDeps, session: SignupSession) {
  const latest = await latestSignupSession(deps.db, session.workspaceId);
  return latest !== null && latest.id !== session.id;
}
