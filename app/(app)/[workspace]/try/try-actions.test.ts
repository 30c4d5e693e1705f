import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listFaqs, upsertFaqs } from "@/db/queries/faqs";
import type { SessionUser } from "@/lib/auth/session";
import { provideReplyDeps } from "@/lib/bot/deps";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring } from "@/lib/testing/fixtures";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";

// The action as the browser calls it, through the real guard and database; only the session and
// Next's navigation are stand-ins. No AI provider is configured, so nothing leaves the process.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { addTryWordingAction, tryBotAction } = await import("./actions");

describe.each(testDatabaseKinds)("Try it action on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let admin: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let slug: string;
  let workspaceId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    provideReplyDeps({ keyring: testKeyring, ai: { fallbacks: [] } });
    const team = await seedTeam(handle.db, "Try Action Shop");
    ({ owner, admin, agent, outsider } = team);
    const ws = team.workspace;
    await upsertFaqs(handle.db, {
      workspaceId: ws.id,
      faqs: [{ question: "What are your opening hours?", answer: "Mon-Fri 9-18.", keywords: [] }],
    });
    slug = ws.slug;
    workspaceId = ws.id;
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });
  beforeEach(() => {
    signedIn.user = null;
  });

  const question = { question: "opening hours?", as: "new" as const };

  it("refuses the signed-out, outsiders and agents", async () => {
    expect(await tryBotAction(slug, question)).toMatchObject({ ok: false, code: "signed_out" });
    signedIn.user = outsider;
    expect(await tryBotAction(slug, question)).toMatchObject({ ok: false, code: "not_member" });
    signedIn.user = agent;
    expect(await tryBotAction(slug, question)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("answers owners and admins with the view, saying the number is not connected", async () => {
    for (const user of [owner, admin]) {
      signedIn.user = user;
      const result = await tryBotAction(slug, question);
      if (!result.ok) throw new Error(result.message);
      expect(result.data).toMatchObject({
        outcome: "faq",
        text: "Mon-Fri 9-18.",
        rule: { reason: "channel_unavailable" },
      });
      expect(result.data.rule?.explanation).toContain("no WhatsApp number yet");
    }
  });

  it("refuses an empty or over-long question, and an unknown customer kind", async () => {
    signedIn.user = owner;
    expect(await tryBotAction(slug, { question: "   " })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { question: "Type a question a customer might ask." },
    });
    expect(await tryBotAction(slug, { question: "x".repeat(4097) })).toMatchObject({
      fieldErrors: { question: "WhatsApp messages are at most 4096 characters." },
    });
    expect(
      await tryBotAction(slug, { question: "hi", as: "vip" as unknown as "new" }),
    ).toMatchObject({ fieldErrors: { as: "Choose who to test as." } });
  });

  it("adds the question tried as another wording of an entry, for managers only", async () => {
    const [entry] = await listFaqs(handle.db, { workspaceId });
    if (!entry) throw new Error("no entry");
    const input = { id: entry.id, examples: ["when do u open"] };
    signedIn.user = agent;
    expect(await addTryWordingAction(slug, input)).toMatchObject({ ok: false, code: "forbidden" });
    signedIn.user = owner;
    expect(await addTryWordingAction(slug, input)).toMatchObject({
      ok: true,
      data: { added: ["when do u open"], full: 0 },
    });
    const [after] = await listFaqs(handle.db, { workspaceId });
    expect(after?.examples).toContain("when do u open");
  });
});
