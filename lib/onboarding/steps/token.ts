import { asGraphError, tokenCheckAdvice } from "../advice";
import { openSessionToken } from "../session-secrets";
import type { Step } from "./step";

const day = (d: Date) =>
  d.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** debug_token with the app token: the access must be valid and issued to this app. */
export const token: Step = async ({ deps, session }) => {
  let info: Awaited<ReturnType<typeof deps.graph.debugToken>>;
  try {
    info = await deps.graph.debugToken(openSessionToken(deps, session), deps.app);
  } catch (error) {
    const e = asGraphError(error);
    return { status: "failed", message: tokenCheckAdvice(e), code: e.code };
  }
  if (!info.isValid) {
    return {
      status: "failed",
      message:
        "Facebook says the access it gave is not valid (it may have been withdrawn). Run the signup again.",
    };
  }
  if (info.appId !== deps.app.appId) {
    return {
      status: "failed",
      message:
        "The access was issued to a different Facebook app, not Parley. Run the signup again from this page.",
    };
  }
  return {
    status: "ok",
    message: info.expiresAt
      ? `Access confirmed. It is valid until ${day(info.expiresAt)}; reconnect before then to keep the bot answering.`
      : "Access confirmed. It does not expire.",
    patch: { tokenExpiresAt: info.expiresAt },
  };
};
