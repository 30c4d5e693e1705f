import { getDb } from "@/db";
import { EnvError, getEnv } from "@/lib/env";

// Validates the environment and applies pending migrations; a server that cannot do both exits.
export async function startServer(): Promise<void> {
  try {
    const env = getEnv();
    await getDb();
    console.log(
      `Parley ready: database ${env.db}, jobs ${env.jobs}, sandbox ${env.sandbox ? "on" : "off"}`,
    );
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
