import type { Db } from "@/db";
import {
  claimAttempt,
  clearAttempts,
  type DelayPolicy,
  nextAttemptAt,
  pruneAttempts,
  refundAttempts,
} from "@/db/queries/auth-throttle";
import { normalizeEmail } from "@/db/queries/users";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Waits grow instead of locking anyone out: a stranger's wrong passwords cost the owner at most
// one per-account wait (15 minutes at worst), and guessing costs the stranger more each time.
const POLICIES = {
  // Per account: three slips are free, then 1 s, 2 s, 4 s … up to 15 minutes between guesses.
  email: { free: 3, baseMs: 1000, capMs: 15 * MINUTE, forgetMs: 24 * HOUR },
  // Per client address, counting failed sign-ins only: an office behind one address is not
  // slowed by its people's typos; one address trying many accounts is.
  address: { free: 20, baseMs: 1000, capMs: 15 * MINUTE, forgetMs: HOUR },
  // Sign-ups per client address, successful ones included.
  signup: { free: 10, baseMs: 30_000, capMs: 15 * MINUTE, forgetMs: HOUR },
} satisfies Record<string, DelayPolicy>;
const LONGEST_MEMORY = Math.max(...Object.values(POLICIES).map((p) => p.forgetMs));

type Scope = keyof typeof POLICIES;
type Subjects = Partial<Record<Scope, string | null>>;
const key = (scope: Scope, value: string) =>
  `${scope}:${scope === "email" ? normalizeEmail(value) : value}`;
const entries = (subjects: Subjects) =>
  (Object.entries(subjects) as [Scope, string | null | undefined][]).flatMap(([scope, value]) =>
    value ? [{ scope, key: key(scope, value), policy: POLICIES[scope] }] : [],
  );

export type ThrottleVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

const verdictFor = (retryAt: Date | null, now: Date): ThrottleVerdict =>
  retryAt && retryAt > now
    ? { limited: true, retryAfterSeconds: Math.ceil((retryAt.getTime() - now.getTime()) / 1000) }
    : { limited: false };

/**
 * Lets this attempt through when every subject's wait has passed, counting it against each as a
 * failure until it proves otherwise; counted before any password is hashed, so parallel attempts
 * cannot slip through one opening. Refused attempts are not counted and do not extend a wait.
 */
export async function takeAttempt(
  db: Db,
  subjects: Subjects,
  now = new Date(),
): Promise<ThrottleVerdict> {
  const claimed: string[] = [];
  for (const subject of entries(subjects)) {
    const result = await claimAttempt(db, { key: subject.key, policy: subject.policy, now });
    if (!result.claimed) {
      await refundAttempts(db, claimed);
      // The longest wait of all, so that trying again then is not refused by another subject.
      const pending = await pendingDelay(db, subjects, now);
      return pending.limited ? pending : verdictFor(result.retryAt, now);
    }
    claimed.push(subject.key);
  }
  if (Math.random() < 0.01) await pruneAttempts(db, new Date(now.getTime() - LONGEST_MEMORY));
  return { limited: false };
}

/** How long until every subject may try again, without counting anything. */
export async function pendingDelay(
  db: Db,
  subjects: Subjects,
  now = new Date(),
): Promise<ThrottleVerdict> {
  let latest: Date | null = null;
  for (const subject of entries(subjects)) {
    const retryAt = await nextAttemptAt(db, { key: subject.key, policy: subject.policy, now });
    if (retryAt && (!latest || retryAt > latest)) latest = retryAt;
  }
  return verdictFor(latest, now);
}

/** A successful sign-in: the account starts over, and the address is not charged for it. */
export async function forgiveSignIn(db: Db, subjects: { email: string; address?: string | null }) {
  await clearAttempts(db, key("email", subjects.email));
  if (subjects.address) await refundAttempts(db, [key("address", subjects.address)]);
}

/** An attempt that was let through but never judged (the server was too busy to check it). */
export async function releaseAttempt(db: Db, subjects: Subjects) {
  await refundAttempts(
    db,
    entries(subjects).map((s) => s.key),
  );
}

/** "37 seconds", "15 minutes": how long to wait, for a person. */
export function formatWait(seconds: number): string {
  if (seconds <= 1) return "1 second";
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
