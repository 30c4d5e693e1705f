import { findChannelByPhoneNumberId, getChannelPinEnvelope } from "@/db/queries/channels";
import { asGraphError, OTHER_WORKSPACE, registerAdvice } from "../advice";
import { openSessionToken, sessionPin } from "../session-secrets";
import type { Step } from "./step";

// Numbers that stay registered where they are: the WhatsApp Business app (Coexistence), or
// another provider that only granted API access. Registering them again would change their PIN.
const KEEPS_REGISTRATION = new Set([
  "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING",
  "FINISH_GRANT_ONLY_API_ACCESS",
]);

/** Registers the number for the Cloud API with a random PIN that becomes its two-step PIN. */
export const register: Step = async ({ deps, session }) => {
  const phoneNumberId = session.phoneNumberId;
  if (!phoneNumberId) {
    return {
      status: "skipped",
      message:
        "No phone number was added in the signup. Choose one below once it is in your WhatsApp Business account.",
      stop: true,
    };
  }
  if (session.event && KEEPS_REGISTRATION.has(session.event)) {
    return {
      status: "skipped",
      message: "This number is already registered with WhatsApp; it keeps its registration.",
    };
  }
  const holder = await findChannelByPhoneNumberId(deps.db, phoneNumberId);
  if (holder && holder.workspaceId !== session.workspaceId) {
    return { status: "failed", message: OTHER_WORKSPACE };
  }
  const { pin, envelope } = sessionPin(
    deps,
    session,
    holder
      ? await getChannelPinEnvelope(deps.db, { workspaceId: session.workspaceId, id: holder.id })
      : null,
  );
  const patch = { registrationPinEncrypted: envelope };
  try {
    await deps.graph.registerNumber(phoneNumberId, openSessionToken(deps, session), pin);
    return {
      status: "ok",
      message:
        "The number is registered for the WhatsApp Cloud API, protected by a two-step verification PIN that Parley keeps for you.",
      patch,
    };
  } catch (error) {
    const e = asGraphError(error);
    return { status: "failed", message: registerAdvice(e), code: e.code, patch };
  }
};
