import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, type DatabaseKind, openDatabase } from "@/db";
import { getEnv } from "@/lib/env";

// Database tests run once per available engine: PGlite always, PostgreSQL when DATABASE_URL is set.
export const testDatabaseKinds: DatabaseKind[] = getEnv().databaseUrl
  ? ["pglite", "postgres"]
  : ["pglite"];

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh, migrated, empty database of the given kind; close() throws it away. */
export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === "pglite") {
    const handle = openDatabase({ kind: "pglite" });
    await handle.migrate();
    return handle;
  }
  const adminUrl = getEnv().databaseUrl;
  if (!adminUrl) throw new Error("DATABASE_URL is required for PostgreSQL tests");
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const handle = openDatabase({ kind: "postgres", url: withDatabaseName(adminUrl, name), max: 4 });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
