import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { applyFaqImport, searchFaqs } from "@/db/queries/faqs";
import { faqs } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedUser } from "@/lib/testing/workspace-context";
import type { FaqSort } from "@/lib/validations/faq";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

const faq = (question: string, extra: Partial<typeof faqs.$inferInsert> = {}) => ({
  question,
  answer: `About ${question}`,
  keywords: [] as string[],
  priority: 0,
  active: true,
  ...extra,
});

// The list page's query: search folded for case and accents, each sort, pages, one workspace.
describe.each(testDatabaseKinds)("FAQ list search on %s", (kind) => {
  let handle: DatabaseHandle;
  let workspaceId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const user = await seedUser(handle.db, "owner");
    workspaceId = (await createOwnedWorkspace(handle.db, { name: "Search", userId: user.id })).id;
    const other = await createOwnedWorkspace(handle.db, { name: "Else", userId: user.id });
    await applyFaqImport(handle.db, {
      workspaceId: other.id,
      creates: [faq("Café opening hours?")],
      updates: [],
    });
    await applyFaqImport(handle.db, {
      workspaceId,
      creates: [
        faq("Do you serve CAFÉ au lait?", { priority: 5 }),
        faq("Opening hours?", {
          answer: "Mon–Fri, 9–18",
          keywords: ["horaires", "öffnungszeiten"],
          examples: ["what time do u close"],
        }),
        faq("Is 100% cotton available?", { priority: -1 }),
        faq("Where is the shop?", { answer: "Crème street 4", priority: 5 }),
      ],
      updates: [],
    });
    // Matched at different times, so the two match sorts differ.
    const set = (question: string, values: Partial<typeof faqs.$inferInsert>) =>
      handle.db
        .update(faqs)
        .set(values)
        .where(and(eq(faqs.workspaceId, workspaceId), eq(faqs.question, question)));
    await set("Opening hours?", { hitCount: 9, lastMatchedAt: new Date("2024-01-01") });
    await set("Where is the shop?", { hitCount: 2, lastMatchedAt: new Date("2025-01-01") });
  });
  afterAll(() => handle.close());

  const find = async (q: string, sort: FaqSort = "az", page = { limit: 50, offset: 0 }) =>
    searchFaqs(handle.db, { workspaceId, q, sort, ...page });
  const questions = async (q: string, sort?: FaqSort) =>
    (await find(q, sort)).rows.map((r) => r.question);

  it("finds words in questions, answers, keywords and other wordings, whatever their case and accents", async () => {
    expect(await questions("cafe")).toEqual(["Do you serve CAFÉ au lait?"]);
    expect(await questions("CRÈME")).toEqual(["Where is the shop?"]);
    expect(await questions("offnungszeiten")).toEqual(["Opening hours?"]);
    expect(await questions("hours mon")).toEqual(["Opening hours?"]);
    expect(await questions("hours tuesday")).toEqual([]);
    // Other wordings of the question are searched too.
    expect(await questions("U CLOSE")).toEqual(["Opening hours?"]);
  });

  it("treats % and _ as the characters they are", async () => {
    expect(await questions("100%")).toEqual(["Is 100% cotton available?"]);
    expect(await questions("%")).toEqual(["Is 100% cotton available?"]);
    expect(await questions("_")).toEqual([]);
  });

  it("counts the matches and the workspace's FAQs, never another workspace's", async () => {
    expect(await find("hours")).toMatchObject({ matching: 1, total: 4 });
    expect(await find("")).toMatchObject({ matching: 4, total: 4 });
  });

  it("sorts by priority, hits, last match, age and name, and pages", async () => {
    expect(await questions("", "priority")).toEqual([
      "Do you serve CAFÉ au lait?",
      "Where is the shop?",
      "Opening hours?",
      "Is 100% cotton available?",
    ]);
    expect((await questions("", "hits")).slice(0, 2)).toEqual([
      "Opening hours?",
      "Where is the shop?",
    ]);
    expect((await questions("", "matched")).slice(0, 2)).toEqual([
      "Where is the shop?",
      "Opening hours?",
    ]);
    expect(await questions("", "az")).toEqual([
      "Do you serve CAFÉ au lait?",
      "Is 100% cotton available?",
      "Opening hours?",
      "Where is the shop?",
    ]);
    expect((await find("", "newest")).rows).toHaveLength(4);
    const second = await find("", "az", { limit: 3, offset: 3 });
    expect(second.rows.map((r) => r.question)).toEqual(["Where is the shop?"]);
  });
});
