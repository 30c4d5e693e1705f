import type { PhoneNumberDetails } from "@/lib/whatsapp/graph-schemas";
import { asGraphError, detailsAdvice, OTHER_WORKSPACE } from "../advice";
import { connectChannel } from "../connect-channel";
import { openSessionPin, openSessionToken } from "../session-secrets";
import type { Step } from "./step";

/** Reads the number's details, then saves the channel as connected with its credentials. */
export const details: Step = async ({ deps, session, userId }) => {
  const { phoneNumberId, wabaId } = session;
  if (!phoneNumberId || !wabaId) {
    return { status: "failed", message: "There is no phone number to connect yet." };
  }
  const accessToken = openSessionToken(deps, session);
  let number: PhoneNumberDetails;
  try {
    number = await deps.graph.getPhoneNumber(phoneNumberId, accessToken);
  } catch (error) {
    const e = asGraphError(error);
    return { status: "failed", message: detailsAdvice(e), code: e.code };
  }
  // Only a PIN the number actually took is worth keeping on the channel.
  const pin = session.steps.register?.status === "ok" ? openSessionPin(deps, session) : null;
  const connected = await connectChannel(deps, {
    workspaceId: session.workspaceId,
    userId,
    sessionId: session.id,
    flow: "embedded",
    phoneNumberId,
    wabaId,
    accessToken,
    tokenExpiresAt: session.tokenExpiresAt,
    ...(pin !== null && { pin }),
    details: number,
  });
  if (!connected.ok) return { status: "failed", message: OTHER_WORKSPACE };
  const shown = number.display_phone_number ?? phoneNumberId;
  return {
    status: "ok",
    message: number.verified_name
      ? `${shown} is connected as “${number.verified_name}”.`
      : `${shown} is connected.`,
    patch: { channelId: connected.id, completedAt: new Date() },
  };
};
