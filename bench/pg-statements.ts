import type postgres from "postgres";

// SQL statements run in one database over a window, from pg_stat_statements: the extension must
// be loaded by the server (shared_preload_libraries); it is created in the benchmark's database.

export type StatementCount = { calls: number; query: string };
export type StatementWindow = { calls: number; top: StatementCount[] };

/**
 * Prepares counting in the database `sql` is connected to; the reason when it cannot (the
 * extension not preloaded, or not installable), so the benchmark says so rather than failing.
 */
export async function statementCounter(sql: postgres.Sql) {
  try {
    await sql`create extension if not exists pg_stat_statements`;
    await sql`select 1 from pg_stat_statements limit 1`;
  } catch (error) {
    return { ok: false as const, reason: (error as Error).message };
  }
  // This database's statements only: other databases on the server are other people's work.
  const dbid = sql`(select oid from pg_database where datname = current_database())`;
  return {
    ok: true as const,
    /** Forgets this database's counts. */
    async reset() {
      await sql`select pg_stat_statements_reset(0, ${dbid}, 0)`;
    },
    /** Statements since `reset`, without the counter's own; the most called first. */
    async read(top = 8): Promise<StatementWindow> {
      const rows = await sql<{ calls: string; query: string }[]>`
        select sum(calls)::bigint as calls, query from pg_stat_statements
         where dbid = ${dbid} and query not ilike '%pg_stat_statements%'
         group by query order by 1 desc`;
      const counts = rows.map((r) => ({ calls: Number(r.calls), query: r.query }));
      return {
        calls: counts.reduce((sum, r) => sum + r.calls, 0),
        top: counts.slice(0, top),
      };
    },
  };
}

export type StatementCounter = Awaited<ReturnType<typeof statementCounter>>;
