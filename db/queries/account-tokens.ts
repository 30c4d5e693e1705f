import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../client";
import { accountTokens } from "../schema";

export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)["purpose"];

export async function insertAccountToken(
  db: Db,
  p: {
    userId: string;
    purpose: AccountTokenPurpose;
    tokenHash: string;
    email: string;
    expiresAt: Date;
  },
) {
  await db.insert(accountTokens).values(p);
}

/** A token that is still good, without using it up (for showing the form it opens). */
export async function findLiveAccountToken(
  db: Db,
  p: { tokenHash: string; purpose: AccountTokenPurpose; now: Date },
) {
  const [row] = await db
    .select({ userId: accountTokens.userId, email: accountTokens.email })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, p.tokenHash),
        eq(accountTokens.purpose, p.purpose),
        gt(accountTokens.expiresAt, p.now),
      ),
    );
  return row ?? null;
}

/** Uses a token up: only one caller gets its row, however many race. */
export async function consumeAccountToken(
  db: Db,
  p: { tokenHash: string; purpose: AccountTokenPurpose; now: Date },
) {
  const [row] = await db
    .delete(accountTokens)
    .where(and(eq(accountTokens.tokenHash, p.tokenHash), eq(accountTokens.purpose, p.purpose)))
    .returning({
      userId: accountTokens.userId,
      email: accountTokens.email,
      expiresAt: accountTokens.expiresAt,
    });
  return row && row.expiresAt > p.now ? { userId: row.userId, email: row.email } : null;
}

export async function deleteUserAccountTokens(
  db: Db,
  p: { userId: string; purpose: AccountTokenPurpose },
) {
  await db
    .delete(accountTokens)
    .where(and(eq(accountTokens.userId, p.userId), eq(accountTokens.purpose, p.purpose)));
}

/** When the user's newest token of this kind was made, to space out e-mails. */
export async function latestAccountTokenAt(
  db: Db,
  p: { userId: string; purpose: AccountTokenPurpose },
): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: accountTokens.createdAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, p.userId), eq(accountTokens.purpose, p.purpose)))
    .orderBy(desc(accountTokens.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

export async function pruneExpiredAccountTokens(db: Db, now: Date) {
  await db.delete(accountTokens).where(lt(accountTokens.expiresAt, now));
}
