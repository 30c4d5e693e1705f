import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { authThrottle } from "../schema";

/** Attempts counted for `key` in the current window, or 0 when the window has passed. */
export async function countAttempts(db: Db, p: { key: string; windowMs: number }) {
  const [row] = await db
    .select({
      attempts: authThrottle.attempts,
      windowStartedAt: authThrottle.windowStartedAt,
    })
    .from(authThrottle)
    .where(eq(authThrottle.key, p.key));
  if (!row || Date.now() - row.windowStartedAt.getTime() > p.windowMs) return { attempts: 0 };
  return { attempts: row.attempts, retryAt: new Date(row.windowStartedAt.getTime() + p.windowMs) };
}

// One statement, so concurrent failures all count: a stale window starts over at 1.
export async function recordAttempt(db: Db, p: { key: string; windowMs: number }) {
  const stale = sql`${authThrottle.windowStartedAt} < now() - make_interval(secs => ${p.windowMs / 1000})`;
  await db
    .insert(authThrottle)
    .values({ key: p.key, attempts: 1, windowStartedAt: new Date() })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        attempts: sql`case when ${stale} then 1 else ${authThrottle.attempts} + 1 end`,
        windowStartedAt: sql`case when ${stale} then now() else ${authThrottle.windowStartedAt} end`,
      },
    });
}

export async function clearAttempts(db: Db, key: string) {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
