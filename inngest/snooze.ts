import { getDb } from "@/db";
import { wakeSnoozed } from "@/db/queries/inbox-tools";
import { log } from "@/lib/log";

const WAKE_EVERY_MS = 30_000;
export const WAKE_BATCH = 500;

/**
 * The in-process driver's poller for snoozed conversations: every 30 seconds, those whose time
 * has come lose their snooze, with a line in their thread. (The list already shows them from
 * that moment, as it compares with the clock.)
 */
export function startSnoozeWaker(): void {
  const wake = () =>
    getDb()
      .then((db) => wakeSnoozed(db, { now: new Date(), limit: WAKE_BATCH }))
      .then((n) => {
        if (n > 0) log.info({ conversations: n }, "Woke snoozed conversations");
      })
      .catch((err: unknown) => log.error({ err }, "Waking snoozed conversations failed"));
  void wake();
  setInterval(() => void wake(), WAKE_EVERY_MS).unref();
}
