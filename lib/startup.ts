import { getDb } from "@/db";
import { startSweeper } from "@/inngest/sweep";
import { startControlServer } from "@/lib/control/server";
import { upgradeLegacySecrets } from "@/lib/crypto/upgrade-legacy";
import { EnvError, getEnv } from "@/lib/env";

const state = globalThis as unknown as { __parleyStarted?: boolean };

// Validates the environment and applies pending migrations; a server that cannot do both exits.
export async function startServer(): Promise<void> {
  if (state.__parleyStarted) return;
  state.__parleyStarted = true;
  try {
    const env = getEnv();
    const db = await getDb();
    // Secrets written before they were bound to their workspace are re-encrypted before traffic.
    await upgradeLegacySecrets(db);
    // The embedded database allows one process; operator commands reach it through this server.
    if (env.db === "pglite") startControlServer(env.dataDir, getDb);
    // In-process jobs die with the process; the sweep picks up whatever was left pending.
    if (env.jobs === "inline") startSweeper();
    console.log(
      `Parley ready: database ${env.db}, jobs ${env.jobs}, sandbox ${env.sandbox ? "on" : "off"}`,
    );
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
