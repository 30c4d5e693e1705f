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
import { checkSessionToken, endSession, SESSION_MAX_AGE_S } from "./sessions";

const credentials = Credentials({
  credentials: { email: {}, password: {} },
  async authorize(raw, request) {
    // With e-mail set up, an account is used only once its address is confirmed.
    const requireVerifiedEmail = getEnv().smtp !== null;
    return authorizeCredentials(await getDb(), raw, request.headers, { requireVerifiedEmail });
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
    // Signed tokens (the credentials provider needs them), each naming a server-side session row
    // that every request reads: deleting the row ends the session at once, whatever the cookie
    // says. Membership and role are read from the database on every request too.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      async jwt({ token, user, trigger }) {
        return checkSessionToken(await getDb(), { token, user, trigger });
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && message.token) await endSession(await getDb(), message.token.sid);
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
