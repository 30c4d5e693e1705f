import { getDb } from "@/db";
import { startSweeper } from "@/inngest/sweep";
import { installClientAddressHook } from "@/lib/auth/client-address";
import { startControlServer } from "@/lib/control/server";
import { EnvError, getEnv } from "@/lib/env";

const state = globalThis as unknown as { __parleyStarted?: boolean };

// Validates the environment and applies pending migrations; a server that cannot do both exits.
export async function startServer(): Promise<void> {
  if (state.__parleyStarted) return;
  state.__parleyStarted = true;
  try {
    const env = getEnv();
    // Before any request: sign-in limits key on the address this stamps on each one.
    installClientAddressHook(env.trustProxy);
    await getDb();
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
