import { eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { authThrottle } from "../schema";

/**
 * How long a key waits between counted attempts: nothing for the first `free`, then `baseMs`
 * doubling with each further attempt up to `capMs`. A key quiet for `forgetMs` starts over.
 */
export type DelayPolicy = { free: number; baseMs: number; capMs: number; forgetMs: number };

// Times come from the caller (tests move the clock), never from the database's now().
const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;
const seconds = (ms: number) => sql`make_interval(secs => ${ms / 1000}::float8)`;

function waitAfter(attempts: SQL | typeof authThrottle.attempts, p: DelayPolicy) {
  // The exponent is bounded so a key under attack for months cannot overflow a double.
  const doubling = sql`${p.baseMs / 1000}::float8 * power(2, least(${attempts} - ${p.free}::int - 1, 40))`;
  return sql`make_interval(secs => case when ${attempts} <= ${p.free}::int then 0
    else least(${p.capMs / 1000}::float8, ${doubling}) end)`;
}

const retryAt = (p: DelayPolicy) =>
  sql<string>`${authThrottle.lastAttemptAt} + ${waitAfter(authThrottle.attempts, p)}`;

/**
 * Counts one attempt for `key` if its wait has passed, in one statement: parallel attempts queue
 * on the row, so only one gets through each opening. A refused attempt changes nothing.
 */
export async function claimAttempt(
  db: Db,
  p: { key: string; policy: DelayPolicy; now: Date },
): Promise<{ claimed: true } | { claimed: false; retryAt: Date }> {
  const forgotten = sql`${authThrottle.lastAttemptAt} <= ${at(p.now)} - ${seconds(p.policy.forgetMs)}`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key: p.key, attempts: 1, lastAttemptAt: p.now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        attempts: sql`case when ${forgotten} then 1 else ${authThrottle.attempts} + 1 end`,
        lastAttemptAt: p.now,
      },
      setWhere: sql`${forgotten} or ${retryAt(p.policy)} <= ${at(p.now)}`,
    })
    .returning({ attempts: authThrottle.attempts });
  if (row) return { claimed: true };
  return { claimed: false, retryAt: (await nextAttemptAt(db, p)) ?? p.now };
}

/** When `key` may next try, or null when it has no wait pending. */
export async function nextAttemptAt(
  db: Db,
  p: { key: string; policy: DelayPolicy; now: Date },
): Promise<Date | null> {
  const [row] = await db
    .select({ retryAt: sql<string>`${retryAt(p.policy)}` })
    .from(authThrottle)
    .where(eq(authThrottle.key, p.key));
  if (!row) return null;
  const time = new Date(row.retryAt);
  return time > p.now ? time : null;
}

/** Takes back one counted attempt (it turned out not to be a failure). */
export async function refundAttempts(db: Db, keys: string[]) {
  if (keys.length === 0) return;
  await db
    .update(authThrottle)
    .set({ attempts: sql`greatest(${authThrottle.attempts} - 1, 0)` })
    .where(inArray(authThrottle.key, keys));
}

export async function clearAttempts(db: Db, key: string) {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/** Drops keys quiet since `before`, so made-up e-mails and addresses do not pile up. */
export async function pruneAttempts(db: Db, before: Date) {
  await db.delete(authThrottle).where(lt(authThrottle.lastAttemptAt, before));
}
