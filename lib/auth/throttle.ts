import type { Db } from "@/db";
import { clearAttempts, countAttempts, recordAttempt } from "@/db/queries/auth-throttle";
import { normalizeEmail } from "@/db/queries/users";

const WINDOW_MS = 15 * 60_000;
// Failures allowed per window: a person mistyping gets several tries; a script gets few.
const LIMITS = { email: 5, address: 30, signup: 10 } as const;

type Scope = keyof typeof LIMITS;
const key = (scope: Scope, value: string) => `${scope}:${value}`;

export type ThrottleVerdict = { limited: false } | { limited: true; minutes: number };

export async function checkThrottle(
  db: Db,
  subjects: Partial<Record<Scope, string | null>>,
): Promise<ThrottleVerdict> {
  for (const [scope, value] of Object.entries(subjects) as [Scope, string | null][]) {
    if (!value) continue;
    const { attempts, retryAt } = await countAttempts(db, {
      key: key(scope, scope === "email" ? normalizeEmail(value) : value),
      windowMs: WINDOW_MS,
    });
    if (attempts >= LIMITS[scope] && retryAt) {
      return {
        limited: true,
        minutes: Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 60_000)),
      };
    }
  }
  return { limited: false };
}

export async function recordFailure(db: Db, subjects: Partial<Record<Scope, string | null>>) {
  for (const [scope, value] of Object.entries(subjects) as [Scope, string | null][]) {
    if (!value) continue;
    await recordAttempt(db, {
      key: key(scope, scope === "email" ? normalizeEmail(value) : value),
      windowMs: WINDOW_MS,
    });
  }
}

export async function clearEmailFailures(db: Db, email: string) {
  await clearAttempts(db, key("email", normalizeEmail(email)));
}

/** The client's address as the nearest proxy reports it; only a throttling key, never trusted. */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
