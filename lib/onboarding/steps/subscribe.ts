import { asGraphError, subscribeAdvice } from "../advice";
import { openSessionToken } from "../session-secrets";
import type { Step } from "./step";

/** Subscribes Parley's app to the WABA's webhooks: without it no messages arrive. */
export const subscribe: Step = async ({ deps, session }) => {
  if (!session.wabaId) {
    return {
      status: "failed",
      message:
        "Facebook did not say which WhatsApp Business account was shared. Run the signup again.",
    };
  }
  try {
    await deps.graph.subscribeApp(session.wabaId, openSessionToken(deps, session));
    return {
      status: "ok",
      message: "Parley will receive your customers' messages from this WhatsApp Business account.",
    };
  } catch (error) {
    const e = asGraphError(error);
    return { status: "failed", message: subscribeAdvice(e), code: e.code };
  }
};
