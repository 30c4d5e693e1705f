import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { acquireDataDirLock } from "./data-dir-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction: every query function accepts either. */
export type Db = Database | Transaction;

export type DatabaseKind = "pglite" | "postgres";

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /**
   * Receives the notifications of `channel` (PostgreSQL LISTEN) until the returned function is
   * called: on a server over one dedicated connection per handle, re-listening after it drops.
   */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onRelisten?: () => void,
  ) => Promise<() => Promise<void>>;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any fixed 64-bit number: replicas starting together take turns applying migrations.
const MIGRATION_LOCK_ID = 7_453_201_337;

export type OpenOptions =
  | { kind: "postgres"; url: string; max?: number }
  | { kind: "pglite"; dataDir?: string };

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.kind === "postgres") {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: "parley" },
    });
    const db = drizzlePostgres({ client, schema, casing: "snake_case" });
    return {
      db,
      kind: "postgres",
      migrate: async () => {
        const reserved = await client.reserve();
        try {
          await reserved`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
          await migratePostgres(db, { migrationsFolder });
        } finally {
          await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
          reserved.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
      listen: async (channel, onPayload, onRelisten) => {
        // postgres-js listens again by itself after the connection drops; what was notified
        // meanwhile is lost, which the caller hears of through onRelisten.
        let first = true;
        const listening = await client.listen(channel, onPayload, () => {
          if (!first) onRelisten?.();
          first = false;
        });
        return () => listening.unlisten();
      },
    };
  }

  let releaseLock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(options.dataDir);
  }
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: async () => {
      await client.close();
      releaseLock();
    },
    listen: (channel, onPayload) => client.listen(channel, onPayload),
  };
}
