import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { createKnowledgeSource, getKnowledgeSource } from "@/db/queries/knowledge";
import { knowledgeSources } from "@/db/schema";
import { ingestKnowledgeSource } from "@/lib/knowledge/ingest";
import { passagesForQuestion } from "@/lib/knowledge/retrieve";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { startTestSite } from "@/lib/testing/knowledge-site";
import { inlineRunner } from "./dispatch";
import { STUCK_AFTER_MS, syncDueKnowledge } from "./knowledge-schedule";

const HOUR = 3_600_000;

// The schedule as both drivers run it: due websites and sources left processing are read again.
describe.each(testDatabaseKinds)("scheduled knowledge syncs on %s", (kind) => {
  let handle: DatabaseHandle;
  let workspaceId: string;
  let site: Awaited<ReturnType<typeof startTestSite>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    workspaceId = (await seedWorkspace(handle.db, "Schedule")).workspaceId;
    site = await startTestSite();
  });
  afterAll(async () => {
    await site.close();
    await handle.close();
  });

  it("reads a website again when its day has come, and not before", async () => {
    const source = await createKnowledgeSource(handle.db, {
      workspaceId,
      kind: "website",
      title: "Bikes",
      startUrl: `${site.origin}/`,
      maxPages: 5,
      resyncHours: 24,
    });
    await ingestKnowledgeSource(
      { db: handle.db },
      { workspaceId, sourceId: source.id, requestedAt: source.syncRequestedAt.toISOString() },
    );
    const read = await getKnowledgeSource(handle.db, { workspaceId, id: source.id });
    const hits = site.hits.length;
    expect(await syncDueKnowledge(handle.db, { driver: "inline", schedule: (t) => t() })).toBe(0);

    // A day later the page has changed, and the sync reads the new text.
    site.pages["/delivery"] = {
      body: "<html><head><title>Delivery</title></head><body><article><h1>Delivery</h1><p>Delivery of a bicycle now costs 700 shillings anywhere in Kisumu county, within two days of ordering.</p></article></body></html>",
    };
    const later = new Date(Date.now() + 25 * HOUR);
    expect(
      await syncDueKnowledge(handle.db, { now: later, driver: "inline", schedule: (t) => t() }),
    ).toBe(1);
    await inlineRunner().idle();
    expect(site.hits.length).toBeGreaterThan(hits);
    const synced = await getKnowledgeSource(handle.db, { workspaceId, id: source.id });
    expect(synced?.status).toBe("ready");
    expect(synced?.lastSyncedAt?.getTime()).toBeGreaterThan(read?.lastSyncedAt?.getTime() ?? 0);
    expect(synced?.nextSyncAt?.getTime()).toBeGreaterThan(Date.now() + 23 * HOUR);
    const found = await passagesForQuestion(
      { db: handle.db },
      { workspaceId, question: "how much is delivery of a bicycle?" },
    );
    expect(found[0]?.text).toContain("700 shillings");
  });

  it("asks again for a source whose read was lost with its process", async () => {
    const source = await createKnowledgeSource(handle.db, {
      workspaceId,
      kind: "text",
      title: "Lost",
      content: Buffer.from("Repairs take one day."),
    });
    await handle.db
      .update(knowledgeSources)
      .set({ syncRequestedAt: new Date(Date.now() - STUCK_AFTER_MS - 60_000) })
      .where(eq(knowledgeSources.id, source.id));
    expect(await syncDueKnowledge(handle.db, { driver: "inline", schedule: (t) => t() })).toBe(1);
    await inlineRunner().idle();
    const done = await getKnowledgeSource(handle.db, { workspaceId, id: source.id });
    expect(done).toMatchObject({ status: "ready", passageCount: 1 });
  });
});
