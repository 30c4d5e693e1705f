import type { Db } from "@/db";
import { claimDueReminders, type DueReminder } from "@/db/queries/reminders";
import { type Smtp, sendMail } from "@/lib/email/send-mail";
import { log } from "@/lib/log";

const BATCH = 100;

export function reminderMail(r: DueReminder, appUrl: string) {
  const who = r.contactName ?? (r.contactWaId ? `+${r.contactWaId}` : "A customer");
  const messages = r.unread === 1 ? "a message" : `${r.unread} messages`;
  const wait = r.minutes < 60 ? `${r.minutes} minutes` : `${r.minutes / 60} hour(s)`;
  return {
    to: r.email,
    subject: `${r.workspaceName}: ${who} is waiting for an answer`,
    text: [
      `${who} sent ${messages} in a conversation assigned to you, and nobody has opened it for more than ${wait}.`,
      `Open the conversation: ${appUrl}/${r.slug}/inbox/${r.conversationId}`,
      "You get this because reminders are on in this workspace. Turn these e-mails off in your account's notification settings.",
    ].join("\n\n"),
  };
}

/**
 * E-mails the assignees of conversations nobody opened in time (see `claimDueReminders`). Without
 * SMTP nothing is claimed, so reminders start once e-mail is set up. A reminder that fails to send
 * is logged and not tried again: the next customer message brings the next one.
 */
export async function sendDueReminders(
  db: Db,
  p: { smtp: Smtp | null; appUrl: string; now?: Date; send?: typeof sendMail },
): Promise<{ sent: number; failed: number }> {
  if (!p.smtp) return { sent: 0, failed: 0 };
  const due = await claimDueReminders(db, { now: p.now ?? new Date(), limit: BATCH });
  const send = p.send ?? sendMail;
  let sent = 0;
  let failed = 0;
  for (const r of due) {
    try {
      await send(p.smtp, reminderMail(r, p.appUrl));
      sent++;
    } catch (err) {
      failed++;
      log.error(
        { err, workspaceId: r.workspaceId, conversationId: r.conversationId },
        "Could not e-mail a reminder about an unopened conversation",
      );
    }
  }
  if (sent > 0) log.info({ sent }, "Reminders e-mailed about unopened conversations");
  return { sent, failed };
}
