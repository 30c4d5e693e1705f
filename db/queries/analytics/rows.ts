import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { queryRows } from "../../rows";

/**
 * Runs one analytics query. A sort of a few hundred thousand index entries fits in 32 MB where
 * the default 4 MB spills it to disk, and compiling the query (JIT), which PostgreSQL starts for
 * any query it expects to be long, takes longer than these queries run.
 */
export async function analyticsRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`,
    );
    return queryRows(tx, query);
  });
}
