import type { Db } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import { getWorkspaceChannel } from "@/db/queries/channels";
import { listMembers } from "@/db/queries/members";
import { getWorkspaceName } from "@/db/queries/workspaces";
import { type Smtp, sendMail } from "@/lib/email/send-mail";
import { log } from "@/lib/log";

export function channelLostText(p: { workspace: string; number: string; url: string }) {
  return [
    `${p.workspace}: WhatsApp number ${p.number} was disconnected from Parley.`,
    "Meta reports that Parley's access to your WhatsApp Business account was removed, so the bot no longer answers on this number and no messages can be sent from it. Your conversations are kept.",
    `To resume, connect the number again: ${p.url}`,
  ].join("\n\n");
}

/**
 * Tells a workspace's owners and admins that Meta revoked a number. The page banner always
 * shows it; this adds an e-mail when SMTP is set. What was sent is recorded in the audit log.
 */
export async function notifyChannelLost(
  db: Db,
  p: { workspaceId: string; channelId: string; appUrl: string; smtp: Smtp | null },
) {
  const [channel, workspace, members] = await Promise.all([
    getWorkspaceChannel(db, { workspaceId: p.workspaceId, id: p.channelId }),
    getWorkspaceName(db, p.workspaceId),
    listMembers(db, { workspaceId: p.workspaceId }),
  ]);
  if (!channel || !workspace) return { emailed: 0 };
  const to = members.filter((m) => m.role !== "agent" && m.email).map((m) => m.email as string);
  let emailed = 0;
  let error: string | null = null;
  if (p.smtp && to.length > 0) {
    try {
      await sendMail(p.smtp, {
        to,
        subject: `${workspace.name}: your WhatsApp number was disconnected`,
        text: channelLostText({
          workspace: workspace.name,
          number: channel.displayPhoneNumber ?? channel.phoneNumberId,
          url: `${p.appUrl}/${workspace.slug}/whatsapp`,
        }),
      });
      emailed = to.length;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      log.error(
        { err: e, channelId: p.channelId },
        "Could not e-mail the owners about a disconnected number",
      );
    }
  }
  await recordAudit(db, {
    workspaceId: p.workspaceId,
    actorType: "system",
    action: "channel.owners_notified",
    target: p.channelId,
    details: { emailed, ...(error && { error }), ...(!p.smtp && { email: "not configured" }) },
  });
  return { emailed };
}
