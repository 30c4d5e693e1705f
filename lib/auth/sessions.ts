import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import {
  deleteSession,
  deleteUserSessions,
  extendSession,
  findLiveSession,
  insertSession,
  pruneExpiredSessions,
} from "@/db/queries/sessions";
import { sha256Hex } from "@/lib/crypto/hash";

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
const MAX_AGE_MS = SESSION_MAX_AGE_S * 1000;
// A session in use is extended at most once a day, so most requests only read.
const EXTEND_AFTER_MS = 24 * 60 * 60 * 1000;

/** Starts a server-side session; the returned id goes into the signed cookie, its hash here. */
export async function startSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  await insertSession(db, {
    tokenHash: sha256Hex(sessionId),
    userId,
    expires: new Date(now.getTime() + MAX_AGE_MS),
  });
  if (Math.random() < 0.01) await pruneExpiredSessions(db, now);
  return sessionId;
}

export type LiveSession = { userId: string; email: string | null; name: string | null };

/**
 * The user behind a cookie's session id, or null when the session was ended (sign-out, sign out
 * everywhere, a new password, removal from every workspace) or has expired.
 */
export async function resolveSession(
  db: Db,
  sessionId: unknown,
  now = new Date(),
): Promise<LiveSession | null> {
  if (typeof sessionId !== "string" || sessionId.length === 0) return null;
  const tokenHash = sha256Hex(sessionId);
  const row = await findLiveSession(db, { tokenHash, now });
  if (!row) return null;
  if (row.expires.getTime() - now.getTime() < MAX_AGE_MS - EXTEND_AFTER_MS) {
    await extendSession(db, { tokenHash, expires: new Date(now.getTime() + MAX_AGE_MS) });
  }
  return { userId: row.userId, email: row.email, name: row.name };
}

export async function endSession(db: Db, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length === 0) return;
  await deleteSession(db, { tokenHash: sha256Hex(sessionId) });
}

/** Ends every session of the user at once: each browser is signed out at its next request. */
export function endAllSessions(db: Db, userId: string): Promise<number> {
  return deleteUserSessions(db, { userId });
}

type Token = { sub?: string; sid?: unknown; name?: string | null; email?: string | null };

/**
 * next-auth's `jwt` callback: a sign-in starts a session row and names it in the token; every
 * later read of the token must find that row live and owned by the token's user, else the token
 * is refused (null, which also clears the cookie).
 */
export async function checkSessionToken<T extends Token>(
  db: Db,
  p: { token: T; user?: { id?: string | undefined } | undefined; trigger?: string | undefined },
): Promise<T | null> {
  if (p.user?.id && (p.trigger === "signIn" || p.trigger === "signUp")) {
    return { ...p.token, sub: p.user.id, sid: await startSession(db, p.user.id) };
  }
  const live = await resolveSession(db, p.token.sid);
  if (!live || live.userId !== p.token.sub) return null;
  return { ...p.token, name: live.name, email: live.email };
}
