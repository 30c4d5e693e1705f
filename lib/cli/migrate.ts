import { getEnv } from "@/lib/env";
import { operate, runCli } from "./database";

// npm run db:migrate – applies pending migrations to DATABASE_URL or the embedded database.
runCli(async () => {
  const { where } = await operate("db.migrate", {});
  const target =
    where === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : where === "embedded"
        ? getEnv().pgliteDir
        : "the embedded database by the running server, at its start";
  console.log(`Migrations applied to ${target}.`);
  return 0;
});
