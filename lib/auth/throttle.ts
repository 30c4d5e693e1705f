import type { Db } from "@/db";
import { clearAttempts, countAttempt, pruneAttempts } from "@/db/queries/auth-throttle";
import { normalizeEmail } from "@/db/queries/users";

const WINDOW_MS = 15 * 60_000;
// Attempts allowed per window. Per e-mail: a person mistyping gets several tries, a script few.
// Per client address: an office behind one address still signs in; a flood does not.
const LIMITS = { email: 5, address: 60, signup: 10 } as const;

type Scope = keyof typeof LIMITS;
type Subjects = Partial<Record<Scope, string | null>>;
const key = (scope: Scope, value: string) =>
  `${scope}:${scope === "email" ? normalizeEmail(value) : value}`;

export type ThrottleVerdict = { limited: false } | { limited: true; minutes: number };

/**
 * Counts this attempt against every subject and says whether any is over its limit. Attempts
 * are counted before any password is hashed, so parallel requests are refused too.
 */
export async function takeAttempt(db: Db, subjects: Subjects): Promise<ThrottleVerdict> {
  let verdict: ThrottleVerdict = { limited: false };
  for (const [scope, value] of Object.entries(subjects) as [Scope, string | null][]) {
    if (!value) continue;
    const { attempts, retryAt } = await countAttempt(db, {
      key: key(scope, value),
      windowMs: WINDOW_MS,
    });
    if (attempts > LIMITS[scope]) {
      const minutes = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 60_000));
      if (!verdict.limited || minutes > verdict.minutes) verdict = { limited: true, minutes };
    }
  }
  if (Math.random() < 0.01) await pruneAttempts(db, WINDOW_MS);
  return verdict;
}

/** A successful sign-in forgives the e-mail's failed attempts. */
export async function clearEmailAttempts(db: Db, email: string) {
  await clearAttempts(db, key("email", email));
}

/**
 * The client's address for throttling: the last X-Forwarded-For entry, which the nearest proxy
 * (or Next.js itself, when there is none) wrote. Without one, all unknown clients share a key.
 */
export function clientAddress(headers: Headers): string {
  const hops = headers.get("x-forwarded-for")?.split(",") ?? [];
  const last = hops.at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}
