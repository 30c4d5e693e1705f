import { getEnv } from "@/lib/env";
import { runCli, withDatabase } from "./database";

// npm run db:migrate – applies pending migrations to DATABASE_URL or the embedded database.
runCli(async () => {
  await withDatabase(async (handle) => {
    const where = handle.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : getEnv().pgliteDir;
    console.log(`Migrations applied to ${where}`);
  });
  return 0;
});
