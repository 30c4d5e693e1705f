import type { SessionUser } from "@/lib/auth/session";

// Stand-ins for the two things the workspace guard takes from outside the database, for tests
// that run real pages and actions:
//   vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
//   vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));
// then set `signedIn.user` to act as someone.

export const signedIn: { user: SessionUser | null } = { user: null };

export const currentUser = async () => signedIn.user;

/** Next's redirect, notFound and forbidden, as errors a test can expect. */
export const navigation = {
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
};
