import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, users } from "../schema";

export async function insertSession(
  db: Db,
  p: { tokenHash: string; userId: string; expires: Date },
) {
  await db
    .insert(sessions)
    .values({ sessionToken: p.tokenHash, userId: p.userId, expires: p.expires });
}

/** The live session and its user, in one primary-key read; null when ended or expired. */
export async function findLiveSession(db: Db, p: { tokenHash: string; now: Date }) {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      expires: sessions.expires,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, p.tokenHash), gt(sessions.expires, p.now)));
  return row ?? null;
}

export async function extendSession(db: Db, p: { tokenHash: string; expires: Date }) {
  await db
    .update(sessions)
    .set({ expires: p.expires })
    .where(eq(sessions.sessionToken, p.tokenHash));
}

export async function deleteSession(db: Db, p: { tokenHash: string }) {
  await db.delete(sessions).where(eq(sessions.sessionToken, p.tokenHash));
}

/** Ends every session of the user, or every one but `exceptTokenHash`. Returns how many. */
export async function deleteUserSessions(
  db: Db,
  p: { userId: string; exceptTokenHash?: string },
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, p.userId),
        p.exceptTokenHash ? ne(sessions.sessionToken, p.exceptTokenHash) : undefined,
      ),
    )
    .returning({ userId: sessions.userId });
  return rows.length;
}

export async function countUserSessions(db: Db, p: { userId: string; now: Date }) {
  const rows = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.userId, p.userId), gt(sessions.expires, p.now)));
  return rows.length;
}

export async function pruneExpiredSessions(db: Db, now: Date) {
  await db.delete(sessions).where(lt(sessions.expires, now));
}
