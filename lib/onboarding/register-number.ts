import { recordAudit } from "@/db/queries/audit-log";
import { getChannelRegistration, markChannelRegistered } from "@/db/queries/channels";
import { decryptSecret } from "@/lib/crypto/secrets";
import { registerNumberSchema } from "@/lib/validations/onboarding";
import { type GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";
import { cloudApiRegistration } from "@/lib/whatsapp/registration";
import { codeNote, registerAdvice } from "./advice";
import type { OnboardingDeps } from "./deps";
import { newRegistrationPin, openChannelPin, sealChannelPin } from "./registration-pin";
import type { Result } from "./types";

const NOT_FOUND = "This number was not found in your workspace.";
const NO_ACCESS =
  "Parley has no working access to this number. Reconnect it first, then register it.";
const CHANGED = "This number changed while it was being registered. Reload the page to see it.";

export type RegisteredNumber = { channelId: string; phoneNumberId: string };

/** Only Meta's answers become advice; anything else is a bug and keeps propagating. */
function graphError(error: unknown): GraphError {
  if (isGraphError(error)) return error;
  throw error;
}

function checkAdvice(e: GraphError): string {
  if (e.kind === "reauth") {
    return "Facebook no longer accepts Parley's access to this number. Reconnect the number, then register it again.";
  }
  return `Parley could not check the number with Facebook${codeNote(e)}. Try again in a minute.`;
}

/**
 * Registers a pending number for the WhatsApp Cloud API (`POST /{phone}/register`), as the
 * signup's register step does, and connects it. The PIN is the one the owner typed (the number's
 * current two-step PIN), else the one Parley registered it with before, else a new random one;
 * it is kept encrypted on the channel and never shown or logged. A number WhatsApp already
 * reports registered is connected without registering again, which would reset its PIN.
 */
export async function registerNumber(
  deps: OnboardingDeps,
  input: { workspaceId: string; userId: string; channelId: string; pin?: string | undefined },
): Promise<Result<RegisteredNumber>> {
  const parsed = registerNumberSchema.safeParse(input);
  if (!parsed.success) {
    const pinIssue = parsed.error.issues.find((i) => i.path[0] === "pin");
    return { ok: false, message: pinIssue?.message ?? NOT_FOUND };
  }
  const { workspaceId, userId, channelId, pin: given } = parsed.data;
  const channel = await getChannelRegistration(deps.db, { workspaceId, id: channelId });
  if (!channel) return { ok: false, message: NOT_FOUND };
  const done = { ok: true as const, data: { channelId, phoneNumberId: channel.phoneNumberId } };
  if (channel.status === "connected") return done;
  if (channel.status !== "pending" || !channel.accessTokenEncrypted) {
    return { ok: false, message: NO_ACCESS };
  }
  const token = decryptSecret(
    channel.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    workspaceId,
  );

  let registeredAlready: boolean;
  try {
    const number = await deps.graph.getPhoneNumber(channel.phoneNumberId, token);
    registeredAlready = cloudApiRegistration(number) === "registered";
  } catch (error) {
    return { ok: false, message: checkAdvice(graphError(error)) };
  }

  const pinSource = given ? "owner" : channel.registrationPinEncrypted ? "kept" : "new";
  const pin = registeredAlready
    ? null
    : (given ??
      (channel.registrationPinEncrypted
        ? openChannelPin(deps, workspaceId, channel.registrationPinEncrypted)
        : newRegistrationPin()));
  if (pin !== null) {
    try {
      await deps.graph.registerNumber(channel.phoneNumberId, token, pin);
    } catch (error) {
      const e = graphError(error);
      await recordAudit(deps.db, {
        workspaceId,
        actorType: "user",
        actorId: userId,
        action: "channel.register_failed",
        target: channel.phoneNumberId,
        details: { channelId, code: e.code, pinGiven: given !== undefined },
      });
      return { ok: false, message: registerAdvice(e, "number") };
    }
  }

  const marked = await deps.db.transaction(async (tx) => {
    const row = await markChannelRegistered(tx, {
      workspaceId,
      id: channelId,
      ...(pin !== null && { registrationPinEncrypted: sealChannelPin(deps, workspaceId, pin) }),
    });
    if (!row) return null;
    await recordAudit(tx, {
      workspaceId,
      actorType: "user",
      actorId: userId,
      action: "channel.registered",
      target: channel.phoneNumberId,
      details: {
        channelId,
        // Whose PIN it is, never the PIN itself.
        pin: pin === null ? "unchanged (registered already)" : pinSource,
      },
    });
    return row;
  });
  return marked ? done : { ok: false, message: CHANGED };
}
