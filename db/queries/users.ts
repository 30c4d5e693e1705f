import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      emailVerified: users.emailVerified,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return row ?? null;
}

export async function getUser(db: Db, id: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, image: users.image })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

/** Null when the e-mail is already taken. */
export async function createPasswordUser(
  db: Db,
  p: { email: string; name: string; passwordHash: string },
) {
  const [row] = await db
    .insert(users)
    .values({ email: normalizeEmail(p.email), name: p.name, passwordHash: p.passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row ?? null;
}

export async function getUserPasswordHash(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id));
  return row?.passwordHash ?? null;
}

export async function setPasswordHash(db: Db, p: { userId: string; passwordHash: string }) {
  await db.update(users).set({ passwordHash: p.passwordHash }).where(eq(users.id, p.userId));
}

/** Confirms the address only if it is still the user's address. True when it was confirmed. */
export async function markEmailVerified(db: Db, p: { userId: string; email: string; at: Date }) {
  const rows = await db
    .update(users)
    .set({ emailVerified: p.at })
    .where(and(eq(users.id, p.userId), eq(sql`lower(${users.email})`, normalizeEmail(p.email))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function getUserEmailVerified(db: Db, id: string): Promise<Date | null> {
  const [row] = await db
    .select({ emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, id));
  return row?.emailVerified ?? null;
}
