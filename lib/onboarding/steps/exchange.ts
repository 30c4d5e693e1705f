import { asGraphError, exchangeAdvice } from "../advice";
import { sealSessionToken } from "../session-secrets";
import type { Step } from "./step";

/** The 30-second, single-use code for the business token, stored encrypted at once. */
export const exchange: Step = async ({ deps, session, code }) => {
  if (!code) {
    return {
      status: "failed",
      message: "The signup's one-time code is missing. Run the signup again.",
    };
  }
  try {
    const { accessToken } = await deps.graph.exchangeCode(code, deps.app);
    return {
      status: "ok",
      message: "Facebook gave Parley access to your WhatsApp Business account.",
      patch: { accessTokenEncrypted: sealSessionToken(deps, session, accessToken) },
    };
  } catch (error) {
    const e = asGraphError(error);
    return { status: "failed", message: exchangeAdvice(e), code: e.code };
  }
};
