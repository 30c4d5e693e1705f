import { getDb } from "@/db";
import { listCoexistencePhoneNumberIds } from "@/db/queries/channels";
import { startBroadcastPoller } from "@/inngest/broadcast-poller";
import { startKnowledgeScheduler } from "@/inngest/knowledge-schedule";
import { startOutgoingPoller } from "@/inngest/outgoing-poller";
import { startPruner } from "@/inngest/prune";
import { startReminderSweep } from "@/inngest/reminder-sweep";
import { startSnoozeWaker } from "@/inngest/snooze";
import { startSweeper } from "@/inngest/sweep";
import { installClientAddressHook } from "@/lib/auth/client-address";
import { startControlServer } from "@/lib/control/server";
import { upgradeLegacySecrets } from "@/lib/crypto/upgrade-legacy";
import { EnvError, getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { paceChannel } from "@/lib/whatsapp";

const state = globalThis as unknown as { __parleyStarted?: boolean };

// Validates the environment and applies pending migrations; a server that cannot do both exits.
export async function startServer(): Promise<void> {
  if (state.__parleyStarted) return;
  state.__parleyStarted = true;
  try {
    const env = getEnv();
    // Before any request: sign-in limits key on the address this stamps on each one.
    installClientAddressHook(env.trustProxy);
    const db = await getDb();
    // Secrets written before they were bound to their workspace are re-encrypted before traffic.
    await upgradeLegacySecrets(db);
    // Numbers shared with the WhatsApp Business app send at Meta's lower throughput.
    for (const id of await listCoexistencePhoneNumberIds(db)) paceChannel(id, true);
    // The embedded database allows one process; operator commands reach it through this server.
    if (env.db === "pglite") startControlServer(env.dataDir, getDb);
    // In-process jobs die with the process; the sweep picks up whatever was left pending.
    if (env.jobs === "inline") {
      startSweeper();
      startOutgoingPoller();
      startBroadcastPoller();
      // With Inngest, its hourly cron function prunes instead.
      startPruner();
      startKnowledgeScheduler();
      startReminderSweep();
      startSnoozeWaker();
    }
    log.info({ db: env.db, jobs: env.jobs, sandbox: env.sandbox }, "Parley ready");
  } catch (error) {
    // The environment's problems name variables and rules, never their values.
    if (error instanceof EnvError) log.fatal(error.message);
    else log.fatal({ err: error }, "Parley could not start");
    process.exit(1);
  }
}
