import { type Db, getDb } from "@/db";
import { listActiveBroadcasts } from "@/db/queries/broadcasts";
import { log } from "@/lib/log";
import { inlineRunner } from "./dispatch";

const POLL_EVERY_MS = 15_000;

/**
 * Starts the broadcasts whose time has come, and goes on with those under way (after a restart
 * their job died with the process). Broadcasts already running here are skipped by the runner.
 */
export async function startDueBroadcasts(db: Db, now = new Date()): Promise<number> {
  const runner = inlineRunner();
  let started = 0;
  for (const data of await listActiveBroadcasts(db, { now, limit: 500 })) {
    if (runner.enqueue({ kind: "broadcast", data })) started++;
  }
  return started;
}

/** The in-process driver's broadcast poller: at start-up, then every 15 seconds. */
export function startBroadcastPoller(): void {
  const poll = () =>
    getDb()
      .then((db) => startDueBroadcasts(db))
      .catch((err: unknown) => log.error({ err }, "Starting due broadcasts failed"));
  void poll();
  setInterval(() => void poll(), POLL_EVERY_MS).unref();
}
