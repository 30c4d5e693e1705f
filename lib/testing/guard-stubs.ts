import type { SessionUser } from "@/lib/auth/session";

// Stand-ins for the things the workspace guard takes from outside the database, for tests
// that run real pages and actions:
//   vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
//   vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));
//   vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
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

/** The request id a test's server actions run under, as the proxy would have set it. */
export const TEST_REQUEST_ID = "test-request-0001";

/** Next's request headers, as a server action sees them. */
export const nextHeaders = {
  headers: async () => new Headers({ "x-request-id": TEST_REQUEST_ID }),
};
