import { randomBytes } from "node:crypto";
import { recordAudit } from "@/db/queries/audit-log";
import { type UpsertChannelResult, upsertConnectedChannel } from "@/db/queries/channels";
import type { SecretContext } from "@/db/queries/encrypted-columns";
import { sha256Hex } from "@/lib/crypto/hash";
import { encryptSecret } from "@/lib/crypto/secrets";
import type { PhoneNumberDetails } from "@/lib/whatsapp/graph-schemas";
import type { OnboardingDeps } from "./deps";

type Connection = {
  workspaceId: string;
  userId: string;
  sessionId: string;
  flow: "embedded" | "manual";
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  tokenExpiresAt: Date | null;
  /** Set when Parley registered the number itself. */
  pin?: string;
  details: PhoneNumberDetails;
  /** False when WhatsApp reports the number not registered for the Cloud API: stored pending. */
  registered?: boolean;
};

const seal = (deps: OnboardingDeps, c: Connection, value: string, context: SecretContext) =>
  encryptSecret(value, deps.keyring, context, c.workspaceId);

/**
 * Saves the number with its fresh credentials, connected (or pending while it is not registered
 * for the Cloud API), and records who did it.
 */
export async function connectChannel(
  deps: OnboardingDeps,
  c: Connection,
): Promise<UpsertChannelResult> {
  const verifyToken = randomBytes(18).toString("base64url");
  return deps.db.transaction(async (tx) => {
    const result = await upsertConnectedChannel(tx, {
      workspaceId: c.workspaceId,
      phoneNumberId: c.phoneNumberId,
      wabaId: c.wabaId,
      displayPhoneNumber: c.details.display_phone_number ?? null,
      verifiedName: c.details.verified_name ?? null,
      qualityRating: c.details.quality_rating ?? null,
      accessTokenEncrypted: seal(deps, c, c.accessToken, "channels.access_token"),
      tokenExpiresAt: c.tokenExpiresAt,
      registered: c.registered ?? true,
      ...(c.pin !== undefined && {
        registrationPinEncrypted: seal(deps, c, c.pin, "channels.registration_pin"),
      }),
      verifyToken: {
        encrypted: seal(deps, c, verifyToken, "channels.verify_token"),
        hash: sha256Hex(verifyToken),
      },
    });
    if (!result.ok) return result;
    await recordAudit(tx, {
      workspaceId: c.workspaceId,
      actorType: "user",
      actorId: c.userId,
      action:
        c.flow === "manual"
          ? "channel.manual_connect"
          : result.created
            ? "channel.connected"
            : "channel.reauthorized",
      target: c.phoneNumberId,
      details: {
        channelId: result.id,
        sessionId: c.sessionId,
        wabaId: c.wabaId,
        newChannel: result.created,
        tokenExpiresAt: c.tokenExpiresAt?.toISOString() ?? null,
        pinSet: c.pin !== undefined,
        registered: c.registered ?? true,
      },
    });
    return result;
  });
}
