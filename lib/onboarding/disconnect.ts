import { recordAudit } from "@/db/queries/audit-log";
import { disconnectChannel } from "@/db/queries/channels";
import { forgetSignupSecrets } from "@/db/queries/signup-sessions";
import { disconnectChannelSchema } from "@/lib/validations/onboarding";
import type { OnboardingDeps } from "./deps";
import type { Result } from "./types";

const NOT_FOUND = "This number was not found in your workspace.";
/** Shown on the number afterwards; a disconnection the team chose is not an alert. */
export const TEAM_DISCONNECT_REASON = "Disconnected by a team member.";

/** Stops the bot on a number: its token is dropped; conversations and history stay. */
export async function disconnect(
  deps: OnboardingDeps,
  input: { workspaceId: string; channelId: string; userId: string },
): Promise<Result<{ channelId: string; phoneNumberId: string }>> {
  const parsed = disconnectChannelSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: NOT_FOUND };
  const { workspaceId, channelId, userId } = parsed.data;
  const row = await deps.db.transaction(async (tx) => {
    const done = await disconnectChannel(tx, {
      workspaceId,
      id: channelId,
      reason: TEAM_DISCONNECT_REASON,
    });
    if (done) {
      await forgetSignupSecrets(tx, { workspaceId, phoneNumberId: done.phoneNumberId });
      await recordAudit(tx, {
        workspaceId,
        actorType: "user",
        actorId: userId,
        action: "channel.disconnected",
        target: done.phoneNumberId,
        details: { channelId },
      });
    }
    return done;
  });
  if (!row) return { ok: false, message: NOT_FOUND };
  return { ok: true, data: { channelId: row.id, phoneNumberId: row.phoneNumberId } };
}
