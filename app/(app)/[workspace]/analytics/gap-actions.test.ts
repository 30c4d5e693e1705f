import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listAuditLog } from "@/db/queries/audit-log";
import { createFaq, getFaq } from "@/db/queries/faqs";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";

// "Add to <entry>" as the analytics page calls it, through the real guard and database.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { addFaqExamplesAction } = await import("./actions");

const HOURS = {
  question: "What are your opening hours?",
  answer: "9-18",
  keywords: [],
  examples: ["when do you open?"],
  priority: 0,
  active: true,
};

describe.each(testDatabaseKinds)("adding wordings to an FAQ entry on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let admin: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let ws: { id: string; slug: string };
  let faqId: string;
  let otherFaqId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    let other: { id: string; slug: string };
    ({
      owner,
      admin,
      agent,
      outsider,
      workspace: ws,
      other,
    } = await seedTeam(handle.db, "Gap Shop"));
    faqId = (await createFaq(handle.db, { workspaceId: ws.id, ...HOURS }))?.id ?? "";
    otherFaqId = (await createFaq(handle.db, { workspaceId: other.id, ...HOURS }))?.id ?? "";
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const add = (examples: string[], id = faqId) => addFaqExamplesAction(ws.slug, { id, examples });
  const examples = async (id = faqId) =>
    (await getFaq(handle.db, { workspaceId: ws.id, id }))?.examples;

  it("refuses signed-out visitors, outsiders and agents, and writes nothing", async () => {
    expect(await add(["open on sunday?"])).toMatchObject({ ok: false, code: "signed_out" });
    signedIn.user = outsider;
    expect(await add(["open on sunday?"])).toMatchObject({ ok: false, code: "not_member" });
    signedIn.user = agent;
    expect(await add(["open on sunday?"])).toMatchObject({ ok: false, code: "forbidden" });
    expect(await examples()).toEqual(["when do you open?"]);
  });

  it("adds the new wordings after the entry's own, once each, and logs it", async () => {
    signedIn.user = owner;
    expect(
      await add([" open on  sunday? ", "WHEN DO YOU OPEN?", "what are your opening hours?"]),
    ).toEqual({ ok: true, data: { added: ["open on sunday?"], full: 0 } });
    expect(await examples()).toEqual(["when do you open?", "open on sunday?"]);
    const [last] = await listAuditLog(handle.db, { workspaceId: ws.id, limit: 1 });
    expect(last).toMatchObject({
      action: "faq.updated",
      target: faqId,
      details: { question: HOURS.question, changed: ["examples"] },
    });
  });

  it("refuses an empty list and another workspace's entry", async () => {
    signedIn.user = admin;
    expect(await add(["  ", ""])).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { examples: "examples: give at least one wording" },
    });
    expect(await add(["hello?"], otherFaqId)).toMatchObject({ ok: false, code: "not_found" });
  });
});
