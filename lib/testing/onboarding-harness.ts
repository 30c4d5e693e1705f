import type { DatabaseHandle, DatabaseKind } from "@/db";
import { createWorkspace } from "@/db/queries/workspaces";
import { users } from "@/db/schema";
import type { OnboardingDeps } from "@/lib/onboarding/deps";
import { addNumberToSandboxWaba, simulateSignup } from "@/lib/sandbox/simulate-signup";
import type { SandboxSignup } from "@/lib/validations/sandbox-signup";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";
import { createTestDatabase } from "./databases";
import { testKeyring } from "./fixtures";
import { startGraphEmulatorServer } from "./graph-emulator-server";

export const ONBOARDING_APP = { appId: "1000000000000001", appSecret: "onboarding-harness-secret" };

export type SeenCall = { method: string; path: string; authorization: string; body: string };
/** A scripted answer for the next request that `match` accepts, instead of the emulator's. */
type Scripted = { match: (call: SeenCall) => boolean; status: number; body: unknown };

let counter = 0;

/**
 * Onboarding wired as in production, over real HTTP: the Graph API emulator behind a local
 * server that records every call and can answer one with a scripted response (a Meta error).
 */
export async function startOnboardingHarness(kind: DatabaseKind) {
  const handle: DatabaseHandle = await createTestDatabase(kind);
  const calls: SeenCall[] = [];
  const scripted: Scripted[] = [];
  const emulator = await startGraphEmulatorServer({
    db: handle.db,
    app: ONBOARDING_APP,
    onCall: ({ raw, ...rest }) => {
      const call: SeenCall = { ...rest, body: raw };
      calls.push(call);
      const i = scripted.findIndex((s) => s.match(call));
      return i >= 0 ? scripted.splice(i, 1)[0] : undefined;
    },
  });
  const graphUrl = emulator.url;

  const deps: OnboardingDeps = {
    db: handle.db,
    keyring: testKeyring,
    graph: createGraphClient({
      baseUrl: graphUrl,
      version: "v25.0",
      sleep: async () => {},
      pacer: createPacer({ sleep: async () => {} }),
    }),
    app: ONBOARDING_APP,
  };

  /** A workspace with no number yet, and a user acting in it. */
  async function workspace(name: string) {
    counter += 1;
    const slug = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${counter}`;
    const { id: workspaceId } = await createWorkspace(handle.db, { name, slug });
    const [user] = await handle.db
      .insert(users)
      .values({ name: `${name} owner`, email: `${slug}@example.test` })
      .returning({ id: users.id });
    if (!user) throw new Error("user insert returned nothing");
    return { workspaceId, userId: user.id };
  }

  return {
    handle,
    db: handle.db,
    deps,
    calls,
    /** Answers the next matching request with a Meta error instead of the emulator. */
    failNext(pathEnd: string, code: number, status = 400) {
      scripted.push({
        match: (c) => new URL(c.path, graphUrl).pathname.endsWith(pathEnd),
        status,
        body: { error: { message: `Scripted error ${code}`, type: "OAuthException", code } },
      });
    },
    /** Answers the next matching request with this body instead of the emulator. */
    answerNext(pathEnd: string, body: unknown) {
      scripted.push({
        match: (c) => new URL(c.path, graphUrl).pathname.endsWith(pathEnd),
        status: 200,
        body,
      });
    },
    workspace,
    /** The simulated Embedded Signup window's "Finish": a code, and Meta's event data. */
    signup: (input: Partial<SandboxSignup> = {}) =>
      simulateSignup(
        { db: handle.db, keyring: testKeyring },
        {
          businessName: "Amani Bakery Ltd",
          verifiedName: "Amani Bakery",
          withNumber: true,
          ...input,
        },
      ).then((s) => {
        if (!s) throw new Error("simulated signup found no such number");
        return s;
      }),
    addNumber: (wabaId: string) => addNumberToSandboxWaba({ db: handle.db }, wabaId),
    async close() {
      emulator.close();
      await handle.close();
    },
  };
}

export type OnboardingHarness = Awaited<ReturnType<typeof startOnboardingHarness>>;
