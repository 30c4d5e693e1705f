import { eq, sql } from "drizzle-orm";
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
