import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listFaqQuestions } from "@/db/queries/faqs";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";
import { createWorkspaceFaq } from "./manage-faqs";

describe.each(testDatabaseKinds)("FAQ questions stay unique under concurrency (%s)", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("two people adding the same question in different case at once: one wins", async () => {
    const owner = await seedUser(handle.db, "owner");
    const ws = await createOwnedWorkspace(handle.db, { name: "Race Shop", userId: owner.id });
    const ctx = await contextAs(handle.db, owner, ws.slug, "bot.manage");
    const faq = (question: string) => ({
      question,
      answer: "Mon-Fri 9-18.",
      keywords: [],
      examples: [],
      priority: 0,
      active: true,
    });
    const results = await Promise.all(
      ["When are you open?", "when are you OPEN?", "When are you open?", "WHEN ARE YOU OPEN?"].map(
        (q) => createWorkspaceFaq(ctx, faq(q)),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.fieldErrors?.question)).toBe(true);
    expect(await listFaqQuestions(handle.db, { workspaceId: ws.id })).toHaveLength(1);
  });
});
