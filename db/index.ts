import { getEnv } from "@/lib/env";
import { type Database, type DatabaseHandle, openDatabase } from "./client";

export type { Database, DatabaseHandle, DatabaseKind, Db, Transaction } from "./client";
export { openDatabase } from "./client";

type State = { handle: DatabaseHandle; ready: Promise<Database> };

// One database per process, shared by instrumentation, routes and jobs (bundled separately by
// Next.js, hence globalThis), and migrated once before first use. Sharing the instance across
// bundles is safe: drizzle recognises its objects by their `entityKind` brand, not by class, and
// PGlite's data directory can be opened by one instance only.
const store = globalThis as unknown as { __parleyDb?: State };

function open(): State {
  const env = getEnv();
  const handle = env.databaseUrl
    ? openDatabase({ kind: "postgres", url: env.databaseUrl })
    : openDatabase({ kind: "pglite", dataDir: env.pgliteDir });
  const ready = handle.migrate().then(
    () => handle.db,
    async (error: unknown) => {
      // Let the next caller try again instead of caching the failure for the process's life.
      store.__parleyDb = undefined;
      await handle.close().catch(() => {});
      throw error;
    },
  );
  return { handle, ready };
}

/** Hands the app an already-open, migrated database (tests and command-line tools). */
export function provideDatabase(handle: DatabaseHandle): void {
  store.__parleyDb = { handle, ready: Promise.resolve(handle.db) };
}

export function getDb(): Promise<Database> {
  store.__parleyDb ??= open();
  return store.__parleyDb.ready;
}

/** LISTEN on the process's database (see `DatabaseHandle.listen`), once it is migrated. */
export async function listenDb(
  channel: string,
  onPayload: (payload: string) => void,
  onRelisten?: () => void,
): Promise<() => Promise<void>> {
  store.__parleyDb ??= open();
  const state = store.__parleyDb;
  await state.ready;
  return state.handle.listen(channel, onPayload, onRelisten);
}

export function getDbKind() {
  return getEnv().db;
}

export async function closeDb(): Promise<void> {
  const state = store.__parleyDb;
  store.__parleyDb = undefined;
  if (state) await state.handle.close();
}
