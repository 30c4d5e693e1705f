import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import Facebook from "next-auth/providers/facebook";
import Google from "next-auth/providers/google";
import { getDb } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { decoyHash, verifyPassword } from "@/lib/crypto/password";
import { getEnv } from "@/lib/env";
import { signInSchema } from "@/lib/validations/auth";
import { clearEmailAttempts, clientAddress, takeAttempt } from "./throttle";

// The codes reach the sign-in URL, so they say nothing about which part was wrong.
class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

const credentials = Credentials({
  credentials: { email: {}, password: {} },
  async authorize(raw, request) {
    const parsed = signInSchema.safeParse(raw);
    if (!parsed.success) throw new InvalidCredentials();
    const { email, password } = parsed.data;
    const db = await getDb();
    const subjects = { email, address: clientAddress(request.headers) };
    if ((await takeAttempt(db, subjects)).limited) throw new TooManyAttempts();
    const user = await findUserByEmail(db, email);
    // An unknown e-mail costs the same hash as a wrong password.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user?.passwordHash || !valid) throw new InvalidCredentials();
    await clearEmailAttempts(db, email);
    return { id: user.id, email: user.email, name: user.name };
  },
});

function providers(): Provider[] {
  const { oauth } = getEnv();
  return [
    credentials,
    ...(oauth.facebook ? [Facebook(oauth.facebook)] : []),
    ...(oauth.google ? [Google(oauth.google)] : []),
  ];
}

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const env = getEnv();
  return {
    adapter: DrizzleAdapter(await getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: providers(),
    secret: env.authSecret,
    trustHost: true,
    // Signed tokens (the credentials provider needs them); the secret persists, so sessions
    // survive restarts. Membership and role are read from the database on every request.
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});

/** The sign-in buttons to show besides e-mail and password. */
export function oauthProviders() {
  const { oauth } = getEnv();
  return {
    facebook: oauth.facebook !== null,
    google: oauth.google !== null,
  };
}
