import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listAuditLog } from "@/db/queries/audit-log";
import { faqVersion, listFaqs, recordFaqHit } from "@/db/queries/faqs";
import { faqs } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getFaqIndex } from "@/lib/bot/faq-cache";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";

// The actions and the export as the browser calls them, through the real guard and database;
// only the session and Next's navigation are stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const actions = await import("./actions");
const { GET: exportCsv } = await import("./export/route");
const { default: FaqsPage } = await import("./page");

const HOURS = {
  question: "What are your opening hours?",
  answer: "*Mon-Fri* 9-18",
  keywords: ["hours", "open"],
  examples: ["when do you open?"],
  priority: 5,
  active: true,
};

describe.each(testDatabaseKinds)("FAQ actions on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let admin: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let ws: { id: string; slug: string };
  let other: { id: string; slug: string };
  let otherFaqId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    ({
      owner,
      admin,
      agent,
      outsider,
      workspace: ws,
      other,
    } = await seedTeam(handle.db, "FAQ Shop"));
    signedIn.user = outsider;
    const created = await actions.createFaqAction(other.slug, {
      question: "Secret question?",
      answer: "Secret answer",
    });
    if (!created.ok) throw new Error(created.message);
    otherFaqId = created.data.id;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const uuid = "00000000-0000-4000-8000-000000000000";
  // Each is called only when the refusal test runs it.
  const everyAction = (slug: string) => [
    () => actions.createFaqAction(slug, HOURS),
    () => actions.updateFaqAction(slug, { id: uuid, ...HOURS }),
    () => actions.deleteFaqAction(slug, { id: uuid }),
    () => actions.setFaqActiveAction(slug, { id: uuid, active: false }),
    () => actions.previewFaqImportAction(slug, { text: "question,answer\nQ1?,A" }),
    () => actions.importFaqsAction(slug, { text: "question,answer\nQ1?,A" }),
  ];
  const refusals = (slug: string) => Promise.all(everyAction(slug).map((call) => call()));
  const download = (slug: string) =>
    exportCsv(new Request(`http://test/${slug}/faqs/export`), {
      params: Promise.resolve({ workspace: slug }),
    });
  const saved = () => listFaqs(handle.db, { workspaceId: ws.id });
  const audits = async () =>
    (await listAuditLog(handle.db, { workspaceId: ws.id, limit: 100 })).map((a) => a.action);

  it("refuses signed-out visitors, outsiders and agents everything, export included", async () => {
    for (const r of await refusals(ws.slug))
      expect(r).toMatchObject({ ok: false, code: "signed_out" });
    expect((await download(ws.slug)).status).toBe(401);
    signedIn.user = outsider;
    for (const r of await refusals(ws.slug))
      expect(r).toMatchObject({ ok: false, code: "not_member" });
    expect((await download(ws.slug)).status).toBe(404);
    signedIn.user = agent;
    for (const r of await refusals(ws.slug))
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
    expect((await download(ws.slug)).status).toBe(403);
    const open = () =>
      FaqsPage({
        params: Promise.resolve({ workspace: ws.slug }),
        searchParams: Promise.resolve({}),
      });
    await expect(open()).rejects.toThrow("forbidden");
    signedIn.user = admin;
    await expect(open()).resolves.toBeTruthy();
    expect(await saved()).toEqual([]);
  });

  it("creates, refuses a duplicate question, edits, toggles and deletes, audit-logging each", async () => {
    signedIn.user = owner;
    const created = await actions.createFaqAction(ws.slug, HOURS);
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    expect(await saved()).toEqual([{ id, ...HOURS }]);

    expect(
      await actions.createFaqAction(ws.slug, {
        question: "  what are your OPENING hours? ",
        answer: "x",
      }),
    ).toMatchObject({
      ok: false,
      code: "conflict",
      fieldErrors: { question: expect.stringMatching(/already asked/) },
    });
    expect(
      await actions.createFaqAction(ws.slug, {
        question: "Hi",
        answer: " ",
        keywords: ["x".repeat(41)],
        priority: 101,
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: {
        question: "question must have at least 3 characters",
        answer: "answer is empty",
        "keywords.0": expect.stringMatching(/more than 40 characters/),
        priority: "priority must be a whole number from -100 to 100",
      },
    });

    signedIn.user = admin;
    const second = await actions.createFaqAction(ws.slug, {
      question: "Do you deliver?",
      answer: "Yes",
    });
    if (!second.ok) throw new Error(second.message);
    expect(
      await actions.updateFaqAction(ws.slug, {
        id: second.data.id,
        question: "WHAT ARE YOUR OPENING HOURS?",
        answer: "Yes",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { question: expect.stringMatching(/already asked/) },
    });
    expect(
      await actions.updateFaqAction(ws.slug, {
        id,
        ...HOURS,
        question: "What are your opening hours? ",
        answer: "Mon-Sat 9-18\r\nSun closed ",
        keywords: ["hours", "HOURS", "sunday"],
        examples: ["  open  on sunday? ", "", "OPEN ON SUNDAY?", "what are your opening hours?"],
      }),
    ).toEqual({ ok: true, data: { id } });
    expect((await saved()).find((f) => f.id === id)).toMatchObject({
      answer: "Mon-Sat 9-18\nSun closed",
      keywords: ["hours", "sunday"],
      examples: ["open on sunday?"],
    });
    expect(
      await actions.updateFaqAction(ws.slug, {
        id,
        ...HOURS,
        examples: Array.from({ length: 21 }, (_, i) => `wording ${i}`),
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { examples: "examples: use at most 20 other wordings" },
    });
    expect(
      await actions.updateFaqAction(ws.slug, { id, ...HOURS, examples: ["y".repeat(301)] }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { "examples.0": expect.stringMatching(/has more than 300 characters/) },
    });

    expect(await actions.setFaqActiveAction(ws.slug, { id, active: false })).toEqual({
      ok: true,
      data: { active: false },
    });
    expect(await actions.setFaqActiveAction(ws.slug, { id, active: true })).toEqual({
      ok: true,
      data: { active: true },
    });
    expect(await actions.deleteFaqAction(ws.slug, { id: second.data.id })).toEqual({
      ok: true,
      data: null,
    });
    expect(await actions.deleteFaqAction(ws.slug, { id: second.data.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await actions.deleteFaqAction(ws.slug, { id })).toEqual({ ok: true, data: null });
    expect(await saved()).toEqual([]);

    const log = await listAuditLog(handle.db, { workspaceId: ws.id, limit: 100 });
    expect(log.map((a) => a.action).reverse()).toEqual([
      "workspace.created",
      "faq.created",
      "faq.created",
      "faq.updated",
      "faq.deactivated",
      "faq.activated",
      "faq.deleted",
      "faq.deleted",
    ]);
    expect(log.find((a) => a.action === "faq.updated")?.details).toEqual({
      question: HOURS.question,
      changed: ["answer", "keywords", "examples"],
    });
  });

  it("never touches another workspace's FAQ: its id is simply not found", async () => {
    signedIn.user = owner;
    const id = otherFaqId;
    for (const r of [
      await actions.updateFaqAction(ws.slug, { id, ...HOURS }),
      await actions.setFaqActiveAction(ws.slug, { id, active: false }),
      await actions.deleteFaqAction(ws.slug, { id }),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await listFaqs(handle.db, { workspaceId: other.id })).toMatchObject([
      { id: otherFaqId, question: "Secret question?", answer: "Secret answer", active: true },
    ]);
    // Nor does its question count as taken here.
    const mine = await actions.createFaqAction(ws.slug, {
      question: "Secret question?",
      answer: "Mine",
    });
    expect(mine.ok).toBe(true);
    if (mine.ok) await actions.deleteFaqAction(ws.slug, { id: mine.data.id });
  });

  it("imports nothing from a file with one bad row, and names the row", async () => {
    signedIn.user = owner;
    const text =
      "question,answer,keywords,priority,active\nGood?,Yes,,,\nBad?,,,,\nAlso good?,Yes,,,\n";
    const preview = await actions.previewFaqImportAction(ws.slug, { text });
    expect(preview).toMatchObject({
      ok: true,
      data: {
        problems: ["Row 3: answer is empty"],
        problemCount: 1,
        counts: { create: 2, update: 0 },
      },
    });
    const before = await audits();
    expect(await actions.importFaqsAction(ws.slug, { text })).toEqual({
      ok: false,
      code: "invalid_file",
      message: "Nothing was imported. Row 3: answer is empty.",
    });
    expect(await saved()).toEqual([]);
    expect(await audits()).toEqual(before);
  });

  it("imports in one go: creates new questions, updates known ones and keeps their hits", async () => {
    signedIn.user = owner;
    const created = await actions.createFaqAction(ws.slug, HOURS);
    if (!created.ok) throw new Error(created.message);
    await recordFaqHit(handle.db, { workspaceId: ws.id, faqId: created.data.id });
    const json = JSON.stringify({
      faqs: [
        {
          question: "what are your opening HOURS?",
          answer: "Always open",
          keywords: "hours|open",
          priority: 7,
        },
        {
          question: "Do you sell gift cards?",
          answer: "Yes, in store.",
          active: false,
          examples: "do you have vouchers? | Gift card? | gift card?",
        },
      ],
    });
    const preview = await actions.previewFaqImportAction(ws.slug, { text: json });
    expect(preview).toMatchObject({
      ok: true,
      data: {
        format: "json",
        problemCount: 0,
        counts: { create: 1, update: 1, unchanged: 0 },
        rows: [
          { row: 1, action: "update" },
          { row: 2, action: "create" },
        ],
      },
    });
    expect(await actions.importFaqsAction(ws.slug, { text: json })).toEqual({
      ok: true,
      data: { create: 1, update: 1, unchanged: 0 },
    });
    expect(await saved()).toEqual([
      {
        id: created.data.id,
        question: "what are your opening HOURS?",
        answer: "Always open",
        keywords: ["hours", "open"],
        // The file has no examples: the saved ones are kept.
        examples: ["when do you open?"],
        priority: 7,
        active: true,
      },
      {
        id: expect.any(String),
        question: "Do you sell gift cards?",
        answer: "Yes, in store.",
        keywords: [],
        examples: ["do you have vouchers?", "Gift card?"],
        priority: 0,
        active: false,
      },
    ]);
    const [hours] = await handle.db
      .select({ hitCount: faqs.hitCount })
      .from(faqs)
      .where(and(eq(faqs.id, created.data.id), eq(faqs.workspaceId, ws.id)));
    expect(hours?.hitCount).toBe(1);
    const log = await listAuditLog(handle.db, { workspaceId: ws.id, limit: 1 });
    expect(log[0]).toMatchObject({
      action: "faq.imported",
      details: { format: "json", create: 1, update: 1, unchanged: 0 },
    });
  });

  it("exports a CSV download that imports back with nothing to change", async () => {
    signedIn.user = admin;
    const res = await download(ws.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="${ws.slug}-faqs.csv"`,
    );
    // text() would drop the byte-order mark; the importer must cope with it.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFFquestion,answer,keywords,priority,active,examples\r\n")).toBe(
      true,
    );
    expect(text).not.toContain("Secret");
    const before = await saved();
    expect(await actions.importFaqsAction(ws.slug, { text })).toEqual({
      ok: true,
      data: { create: 0, update: 0, unchanged: before.length },
    });
    expect(await saved()).toEqual(before);
  });

  it("changes the matcher's fingerprint on every edit, delete, toggle and import, not on a hit", async () => {
    signedIn.user = owner;
    const versions = [await faqVersion(handle.db, ws.id)];
    const changed = async () => {
      const v = await faqVersion(handle.db, ws.id);
      // The cache compares with the version it holds, so each change must differ from the last.
      expect(v).not.toBe(versions.at(-1));
      versions.push(v);
    };
    const created = await actions.createFaqAction(ws.slug, {
      question: "Fingerprint?",
      answer: "One",
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    await changed();
    await actions.updateFaqAction(ws.slug, { id, question: "Fingerprint?", answer: "Two" });
    await changed();
    await actions.setFaqActiveAction(ws.slug, { id, active: false });
    await changed();
    await actions.setFaqActiveAction(ws.slug, { id, active: true });
    await changed();
    await actions.importFaqsAction(ws.slug, { text: "question,answer\nFingerprint?,Three" });
    await changed();
    await recordFaqHit(handle.db, { workspaceId: ws.id, faqId: id });
    expect(await faqVersion(handle.db, ws.id)).toBe(versions.at(-1));
    // An edit stamped earlier than the newest one (another server's clock, a long transaction).
    await handle.db
      .update(faqs)
      .set({ updatedAt: new Date("2020-01-01T00:00:00Z") })
      .where(and(eq(faqs.id, id), eq(faqs.workspaceId, ws.id)));
    await changed();
    await actions.deleteFaqAction(ws.slug, { id });
    await changed();
  });

  it("lets the bot's matcher see a new, edited or deactivated FAQ at once", async () => {
    signedIn.user = owner;
    const ask = async (question: string) => (await getFaqIndex(handle.db, ws.id)).match(question);
    expect(await ask("can I return my shoes?")).toBeNull();
    const created = await actions.createFaqAction(ws.slug, {
      question: "Can I return an item?",
      answer: "Within 30 days.",
      keywords: ["return", "refund"],
    });
    if (!created.ok) throw new Error(created.message);
    expect((await ask("can I return my shoes?"))?.faq).toMatchObject({ answer: "Within 30 days." });
    await actions.updateFaqAction(ws.slug, {
      id: created.data.id,
      question: "Can I return an item?",
      answer: "Within 60 days.",
      keywords: ["return", "refund"],
    });
    expect((await ask("can I return my shoes?"))?.faq).toMatchObject({ answer: "Within 60 days." });
    // Other wordings reach the matcher's entries with the next message.
    await actions.updateFaqAction(ws.slug, {
      id: created.data.id,
      question: "Can I return an item?",
      answer: "Within 60 days.",
      keywords: ["return", "refund"],
      examples: ["can I get my money back?"],
    });
    expect((await ask("can I return my shoes?"))?.faq).toMatchObject({
      examples: ["can I get my money back?"],
    });
    await actions.setFaqActiveAction(ws.slug, { id: created.data.id, active: false });
    expect(await ask("can I return my shoes?")).toBeNull();
  });
});
