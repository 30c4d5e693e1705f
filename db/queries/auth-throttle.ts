import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { authThrottle } from "../schema";

const interval = (windowMs: number) => sql`make_interval(secs => ${windowMs / 1000})`;

/**
 * Counts one attempt for `key` and returns the count in the current window, in one statement:
 * concurrent attempts each see their own number, so parallel guesses cannot slip past a limit.
 */
export async function countAttempt(db: Db, p: { key: string; windowMs: number }) {
  const stale = sql`${authThrottle.windowStartedAt} < now() - ${interval(p.windowMs)}`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key: p.key, attempts: 1, windowStartedAt: new Date() })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        attempts: sql`case when ${stale} then 1 else ${authThrottle.attempts} + 1 end`,
        windowStartedAt: sql`case when ${stale} then now() else ${authThrottle.windowStartedAt} end`,
      },
    })
    .returning({ attempts: authThrottle.attempts, windowStartedAt: authThrottle.windowStartedAt });
  if (!row) throw new Error("Throttle upsert returned nothing");
  return { attempts: row.attempts, retryAt: new Date(row.windowStartedAt.getTime() + p.windowMs) };
}

export async function clearAttempts(db: Db, key: string) {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/** Drops windows that have passed, so made-up addresses do not pile up. */
export async function pruneAttempts(db: Db, windowMs: number) {
  await db
    .delete(authThrottle)
    .where(lt(authThrottle.windowStartedAt, sql`now() - ${interval(windowMs)}`));
}
