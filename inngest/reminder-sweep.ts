import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { sendDueReminders } from "@/lib/inbox/send-reminders";
import { log } from "@/lib/log";

const EVERY_MS = 60_000;

/** One pass of the reminder e-mails, as the in-process timer and the Inngest cron run it. */
export async function remindUnopened() {
  const env = getEnv();
  return sendDueReminders(await getDb(), { smtp: env.smtp, appUrl: env.appUrl });
}

/** The in-process driver's schedule: every minute (with Inngest, a cron function). */
export function startReminderSweep(): void {
  if (!getEnv().smtp) return;
  setInterval(() => {
    remindUnopened().catch((err: unknown) =>
      log.error({ err }, "Sending reminders about unopened conversations failed"),
    );
  }, EVERY_MS).unref();
}
