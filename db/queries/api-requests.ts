import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { apiIdempotencyKeys, apiRateCounters } from "../schema";

// Times come from the caller (tests move the clock), never from the database's now().
const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;

export type StoredAnswer = { status: number; contentType: string | null; body: string };

export type IdempotencyClaim =
  /** This request answers the key; the answer is stored with `completeIdempotencyKey`. */
  | { state: "claimed" }
  /** Answered before: the stored answer is the answer. */
  | { state: "answered"; answer: StoredAnswer }
  /** The key was used for a different request. */
  | { state: "mismatch" }
  /** The first request with this key is still being answered. */
  | { state: "in_flight" };

/**
 * Claims `key` for a request in one statement: a new key, an expired one, or one whose first
 * request was abandoned (started before `staleBefore` and never answered, as when its server
 * died) is taken; otherwise the stored row says what the repeat gets.
 */
export async function claimIdempotencyKey(
  db: Db,
  p: {
    workspaceId: string;
    key: string;
    fingerprint: string;
    now: Date;
    expiresAt: Date;
    staleBefore: Date;
  },
): Promise<IdempotencyClaim> {
  const t = apiIdempotencyKeys;
  const [taken] = await db
    .insert(t)
    .values({
      workspaceId: p.workspaceId,
      key: p.key,
      fingerprint: p.fingerprint,
      startedAt: p.now,
      expiresAt: p.expiresAt,
    })
    .onConflictDoUpdate({
      target: [t.workspaceId, t.key],
      set: {
        fingerprint: p.fingerprint,
        status: null,
        contentType: null,
        body: null,
        startedAt: p.now,
        expiresAt: p.expiresAt,
      },
      setWhere: or(
        sql`${t.expiresAt} <= ${at(p.now)}`,
        and(
          isNull(t.status),
          sql`${t.startedAt} <= ${at(p.staleBefore)}`,
          eq(t.fingerprint, p.fingerprint),
        ),
      ),
    })
    .returning({ key: t.key });
  if (taken) return { state: "claimed" };
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.workspaceId, p.workspaceId), eq(t.key, p.key)));
  // Deleted in between (its request failed and gave the key back): claim it afresh.
  if (!row) return claimIdempotencyKey(db, p);
  if (row.fingerprint !== p.fingerprint) return { state: "mismatch" };
  if (row.status === null) return { state: "in_flight" };
  return {
    state: "answered",
    answer: { status: row.status, contentType: row.contentType, body: row.body ?? "" },
  };
}

/** Stores the answer a repeat of the key's request gets. */
export async function completeIdempotencyKey(
  db: Db,
  p: { workspaceId: string; key: string; fingerprint: string; answer: StoredAnswer },
) {
  await db
    .update(apiIdempotencyKeys)
    .set({ status: p.answer.status, contentType: p.answer.contentType, body: p.answer.body })
    .where(
      and(
        eq(apiIdempotencyKeys.workspaceId, p.workspaceId),
        eq(apiIdempotencyKeys.key, p.key),
        eq(apiIdempotencyKeys.fingerprint, p.fingerprint),
        isNull(apiIdempotencyKeys.status),
      ),
    );
}

/** Gives the key back unanswered (the request failed on our side), so a retry runs again. */
export async function releaseIdempotencyKey(
  db: Db,
  p: { workspaceId: string; key: string; fingerprint: string },
) {
  await db
    .delete(apiIdempotencyKeys)
    .where(
      and(
        eq(apiIdempotencyKeys.workspaceId, p.workspaceId),
        eq(apiIdempotencyKeys.key, p.key),
        eq(apiIdempotencyKeys.fingerprint, p.fingerprint),
        isNull(apiIdempotencyKeys.status),
      ),
    );
}

/** Deletes up to `limit` expired keys; returns how many. */
export async function pruneIdempotencyKeys(db: Db, p: { now: Date; limit: number }) {
  const expired = db
    .select({ workspaceId: apiIdempotencyKeys.workspaceId, key: apiIdempotencyKeys.key })
    .from(apiIdempotencyKeys)
    .where(lt(apiIdempotencyKeys.expiresAt, p.now))
    .limit(p.limit);
  const deleted = await db
    .delete(apiIdempotencyKeys)
    .where(sql`(${apiIdempotencyKeys.workspaceId}, ${apiIdempotencyKeys.key}) in (${expired})`)
    .returning({ key: apiIdempotencyKeys.key });
  return deleted.length;
}

/**
 * Counts one request of an API key in the fixed window starting at `windowStart`, in one
 * statement (parallel requests queue on the key's row); returns the window's count so far.
 */
export async function countApiRequest(
  db: Db,
  p: { apiKeyId: string; windowStart: Date },
): Promise<number> {
  const t = apiRateCounters;
  const [row] = await db
    .insert(t)
    .values({ apiKeyId: p.apiKeyId, windowStart: p.windowStart, count: 1 })
    .onConflictDoUpdate({
      target: t.apiKeyId,
      set: {
        // A request that started in an earlier window than the stored one counts in the stored.
        count: sql`case when ${t.windowStart} >= ${at(p.windowStart)} then ${t.count} + 1 else 1 end`,
        windowStart: sql`greatest(${t.windowStart}, ${at(p.windowStart)})`,
      },
    })
    .returning({ count: t.count });
  if (!row) throw new Error("The API request counter returned nothing");
  return row.count;
}
