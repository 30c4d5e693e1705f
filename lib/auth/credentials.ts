// next-auth re-exports this class from @auth/core; importing it here keeps next/server out.
import { CredentialsSignin } from "@auth/core/errors";
import type { Db } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { decoyHash, isPasswordHashBusy, verifyPassword } from "@/lib/crypto/password";
import { signInSchema } from "@/lib/validations/auth";
import { clientAddress } from "./client-address";
import { forgiveSignIn, releaseAttempt, takeAttempt } from "./throttle";

// The codes reach the sign-in URL, so they say nothing about which part was wrong.
export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
/** This account or address failed too often lately: the next try waits `retryAfterSeconds`. */
export class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}
/** The password hash queue is full (a burst of sign-ins): try again in seconds. */
export class HashQueueBusy extends CredentialsSignin {
  override code = "busy";
}

/** The password was right, but the address is not confirmed yet (only when e-mail is set up). */
export class EmailNotVerified extends CredentialsSignin {
  override code = "unverified";
}

/** The Credentials provider's `authorize`: the user, or a `CredentialsSignin` saying why not. */
export async function authorizeCredentials(
  db: Db,
  raw: unknown,
  requestHeaders: Headers,
  options: { requireVerifiedEmail?: boolean } = {},
) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const subjects = { email, address: clientAddress(requestHeaders) };
  const verdict = await takeAttempt(db, subjects);
  if (verdict.limited) throw new TooManyAttempts(verdict.retryAfterSeconds);
  const user = await findUserByEmail(db, email);
  let valid: boolean;
  try {
    // An unknown e-mail costs the same hash as a wrong password.
    valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  } catch (error) {
    if (isPasswordHashBusy(error)) {
      await releaseAttempt(db, subjects);
      throw new HashQueueBusy();
    }
    throw error;
  }
  if (!user?.passwordHash || !valid) throw new InvalidCredentials();
  await forgiveSignIn(db, subjects);
  if (options.requireVerifiedEmail && !user.emailVerified) throw new EmailNotVerified();
  return { id: user.id, email: user.email, name: user.name };
}
