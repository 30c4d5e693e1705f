import type { SignupSession } from "@/db/queries/signup-sessions";
import { asGraphError, listNumbersAdvice } from "./advice";
import type { OnboardingDeps } from "./deps";
import { openSessionToken } from "./session-secrets";
import type { SignupNumberOption } from "./types";

export type WabaNumbers =
  | { list: SignupNumberOption[]; error: null }
  | { list: null; error: string };

/** The numbers now in the session's WABA, read with the session's token. */
export async function fetchWabaNumbers(
  deps: OnboardingDeps,
  session: SignupSession,
): Promise<WabaNumbers> {
  if (!session.wabaId || !session.accessTokenEncrypted) {
    return { list: null, error: "This signup has no access to list numbers with. Run it again." };
  }
  try {
    const numbers = await deps.graph.listPhoneNumbers(
      session.wabaId,
      openSessionToken(deps, session),
    );
    return {
      list: numbers.map((n) => ({
        id: n.id,
        displayPhoneNumber: n.display_phone_number ?? null,
        verifiedName: n.verified_name ?? null,
        qualityRating: n.quality_rating ?? null,
      })),
      error: null,
    };
  } catch (error) {
    return { list: null, error: listNumbersAdvice(asGraphError(error)) };
  }
}
