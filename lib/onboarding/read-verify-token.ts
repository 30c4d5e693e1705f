import { getChannelVerifyTokenEnvelope } from "@/db/queries/channels";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { OnboardingDeps } from "./deps";

/**
 * The webhook verify token in clear, for the connection page to show to the workspace's own
 * members (it goes into Meta's webhook settings). Null when the channel has none or is not theirs.
 */
export async function readChannelVerifyToken(
  deps: Pick<OnboardingDeps, "db" | "keyring">,
  p: { workspaceId: string; channelId: string },
): Promise<string | null> {
  const envelope = await getChannelVerifyTokenEnvelope(deps.db, {
    workspaceId: p.workspaceId,
    id: p.channelId,
  });
  return envelope
    ? decryptSecret(envelope, deps.keyring, "channels.verify_token", p.workspaceId)
    : null;
}
