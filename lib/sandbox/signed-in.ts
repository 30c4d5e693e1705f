import type { Database } from "@/db";
import { getSandboxNumber, isMemberSandboxNumber } from "@/db/queries/sandbox";
import { errorResponse } from "@/lib/api/errors";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { sandboxRoute } from "./guard";

/** A sandbox route for signed-in people only: 401 JSON for anyone else (404 outside the sandbox). */
export function signedInSandboxRoute<A extends unknown[]>(
  handler: (user: SessionUser, ...args: A) => Promise<Response>,
) {
  return sandboxRoute(async (...args: A) => {
    const user = await currentUser();
    if (!user) return errorResponse("unauthorized", "Sign in to Parley to use the sandbox.");
    return handler(user, ...args);
  });
}

/**
 * A business number the user's simulated phone may message: one held by a workspace they belong
 * to. Null for every other number, known or not, so the answer never tells them apart.
 */
export async function memberSandboxNumber(db: Database, user: SessionUser, phoneNumberId: string) {
  if (!(await isMemberSandboxNumber(db, { userId: user.id, phoneNumberId }))) return null;
  return getSandboxNumber(db, phoneNumberId);
}
