import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import Facebook from "next-auth/providers/facebook";
import Google from "next-auth/providers/google";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { authorizeCredentials } from "./credentials";

const credentials = Credentials({
  credentials: { email: {}, password: {} },
  async authorize(raw, request) {
    return authorizeCredentials(await getDb(), raw, request.headers);
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
