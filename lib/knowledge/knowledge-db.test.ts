import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import {
  createKnowledgeSource,
  deleteKnowledgeSource,
  getKnowledgeSource,
  listKnowledgeSources,
  requestKnowledgeSync,
} from "@/db/queries/knowledge";
import { knowledgeContents, knowledgePassages } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { startTestSite } from "@/lib/testing/knowledge-site";
import { makePdf } from "@/lib/testing/test-pdf";
import { ingestKnowledgeSource } from "./ingest";
import { passagesForQuestion } from "./retrieve";
import { createSiteFetch } from "./site-fetch";
import { knowledgeDrafts } from "./suggest";

const fetchSite = createSiteFetch({ publicOnly: false });

describe.each(testDatabaseKinds)("knowledge sources on %s", (kind) => {
  let handle: DatabaseHandle;
  let shopA: string;
  let shopB: string;
  let site: Awaited<ReturnType<typeof startTestSite>>;

  async function add(workspaceId: string, source: Parameters<typeof createKnowledgeSource>[1]) {
    const created = await createKnowledgeSource(handle.db, { ...source, workspaceId });
    const outcome = await ingestKnowledgeSource(
      { db: handle.db, fetchSite },
      { workspaceId, sourceId: created.id, requestedAt: created.syncRequestedAt.toISOString() },
    );
    return { created, outcome };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shopA = (await seedWorkspace(handle.db, "Shop A")).workspaceId;
    shopB = (await seedWorkspace(handle.db, "Shop B")).workspaceId;
    site = await startTestSite();
  });
  afterAll(async () => {
    await site.close();
    await handle.close();
  });

  it("indexes a PDF page by page and finds the passage that answers a question", async () => {
    const pdf = await makePdf([
      ["Price list 2026", "", "Standard haircut: 25 EUR", "Colour treatment: from 60 EUR"],
      [
        "Gift vouchers",
        "",
        "Gift vouchers are valid for twelve months and can be used for any service.",
      ],
    ]);
    const { created, outcome } = await add(shopA, {
      workspaceId: shopA,
      kind: "file",
      title: "Price list",
      fileName: "prices.pdf",
      mimeType: "application/pdf",
      sizeBytes: pdf.byteLength,
      content: Buffer.from(pdf),
    });
    expect(outcome).toEqual({ outcome: "ready", passages: 2 });
    const source = await getKnowledgeSource(handle.db, { workspaceId: shopA, id: created.id });
    expect(source).toMatchObject({ status: "ready", passageCount: 2, failureReason: null });
    expect(source?.lastSyncedAt).toBeInstanceOf(Date);

    const found = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "How long are your gift vouchers valid?" },
    );
    expect(found[0]).toMatchObject({ title: "Price list", heading: "Page 2 · Gift vouchers" });
    expect(found[0]?.text).toContain("twelve months");
  });

  it("lets filler words match nothing, and needs most of a question's content words", async () => {
    const filler = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "Hello, can you please tell me what is the thing?" },
    );
    expect(filler.filter((p) => p.title === "Price list")).toEqual([]);
    const loose = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "Do you repair phone screens and laptops?" },
    );
    expect(loose).toEqual([]);
  });

  it("indexes a website's pages with their addresses", async () => {
    const { created, outcome } = await add(shopA, {
      workspaceId: shopA,
      kind: "website",
      title: "Juniper Bikes",
      startUrl: `${site.origin}/`,
      maxPages: 10,
      resyncHours: 24,
    });
    expect(outcome.outcome).toBe("ready");
    const source = await getKnowledgeSource(handle.db, { workspaceId: shopA, id: created.id });
    expect(source?.pagesCrawled).toBe(3);
    expect(source?.nextSyncAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const found = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "how much is delivery of a bicycle?" },
    );
    expect(found[0]).toMatchObject({ pageUrl: `${site.origin}/delivery` });
    expect(found[0]?.text).toContain("500 shillings");
  });

  it("keeps a failed source's reason for its owner and leaves the others working", async () => {
    const { created, outcome } = await add(shopA, {
      workspaceId: shopA,
      kind: "file",
      title: "Scan",
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      content: Buffer.from(await makePdf([[""], [""]])),
    });
    expect(outcome.outcome).toBe("failed");
    const failed = await getKnowledgeSource(handle.db, { workspaceId: shopA, id: created.id });
    expect(failed?.status).toBe("failed");
    expect(failed?.failureReason).toMatch(/no text to read: it may be a scan/);
    const blocked = await add(shopA, {
      workspaceId: shopA,
      kind: "website",
      title: "Private",
      startUrl: `${site.origin}/private/prices`,
      maxPages: 5,
    });
    expect(blocked.outcome.reason).toMatch(/robots\.txt does not allow/);
    const found = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "gift vouchers valid" },
    );
    expect(found.length).toBeGreaterThan(0);
  });

  it("offers the passage that answers an unanswered question as a draft FAQ answer", async () => {
    const drafts = await knowledgeDrafts(handle.db, shopA, [
      { key: "vouchers", text: "how long are gift vouchers valid" },
      { key: "pizza", text: "do you sell pizza" },
    ]);
    expect(Object.keys(drafts)).toEqual(["vouchers"]);
    expect(drafts.vouchers).toMatchObject({ title: "Price list" });
    expect(drafts.vouchers?.text).toContain("twelve months");
  });

  it("never shows one workspace another's passages", async () => {
    await add(shopB, {
      workspaceId: shopB,
      kind: "text",
      title: "B's vouchers",
      content: Buffer.from("Our gift vouchers are valid for one week only."),
    });
    const a = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "gift vouchers valid" },
    );
    const b = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopB, question: "gift vouchers valid" },
    );
    expect(a.map((p) => p.title)).not.toContain("B's vouchers");
    expect(b.map((p) => p.title)).toEqual(["B's vouchers"]);
    expect(
      await getKnowledgeSource(handle.db, { workspaceId: shopB, id: a[0]?.sourceId ?? "" }),
    ).toBeNull();
    expect(
      await deleteKnowledgeSource(handle.db, { workspaceId: shopB, id: a[0]?.sourceId ?? "" }),
    ).toBe(false);
  });

  it("writes nothing for a run overtaken by a newer request", async () => {
    const created = await createKnowledgeSource(handle.db, {
      workspaceId: shopA,
      kind: "text",
      title: "Hours",
      content: Buffer.from("Open every day from 8 to 8."),
    });
    await requestKnowledgeSync(handle.db, {
      workspaceId: shopA,
      id: created.id,
      now: new Date(Date.now() + 1000),
    });
    const outcome = await ingestKnowledgeSource(
      { db: handle.db },
      {
        workspaceId: shopA,
        sourceId: created.id,
        requestedAt: created.syncRequestedAt.toISOString(),
      },
    );
    expect(outcome.outcome).toBe("overtaken");
    const rows = await handle.db
      .select()
      .from(knowledgePassages)
      .where(eq(knowledgePassages.sourceId, created.id));
    expect(rows).toEqual([]);
  });

  it("removes a source's passages and content with it", async () => {
    const sources = await listKnowledgeSources(handle.db, { workspaceId: shopA });
    const pdf = sources.find((s) => s.title === "Price list");
    expect(pdf).toBeDefined();
    expect(await deleteKnowledgeSource(handle.db, { workspaceId: shopA, id: pdf?.id ?? "" })).toBe(
      true,
    );
    const passages = await handle.db
      .select()
      .from(knowledgePassages)
      .where(eq(knowledgePassages.sourceId, pdf?.id ?? ""));
    const contents = await handle.db
      .select()
      .from(knowledgeContents)
      .where(eq(knowledgeContents.sourceId, pdf?.id ?? ""));
    expect(passages).toEqual([]);
    expect(contents).toEqual([]);
    const found = await passagesForQuestion(
      { db: handle.db },
      { workspaceId: shopA, question: "gift vouchers valid" },
    );
    expect(found.map((p) => p.title)).not.toContain("Price list");
  });
});
