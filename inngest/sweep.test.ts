import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { messages } from "@/db/schema";
import { provideReplyDeps } from "@/lib/bot/deps";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { provideAcceptingReplyDeps } from "@/lib/testing/reply-harness";
import { inlineRunner } from "./dispatch";
import { sweepPending } from "./sweep";

describe.each(testDatabaseKinds)("sweep of pending messages on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    provideAcceptingReplyDeps(handle.db);
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });

  it("re-dispatches messages left pending (as after a crash), and leaves recent ones to their job", async () => {
    const ws = await seedWorkspace(handle.db);
    const old = await seedConversation(handle.db, ws, {
      waId: "254700000200",
      start: new Date(Date.now() - 10 * 60_000),
      count: 3,
    });
    const recent = await seedConversation(handle.db, ws, {
      waId: "254700000201",
      start: new Date(),
      count: 1,
    });
    await handle.db
      .update(messages)
      .set({ replyState: "pending" })
      .where(inArray(messages.conversationId, [old.id, recent.id]));

    expect(await sweepPending(handle.db, 60_000)).toBe(3);
    await inlineRunner().idle();
    const oldRows = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, old.id));
    expect(oldRows.map((m) => m.replyState)).toEqual(["skipped", "skipped", "skipped"]);
    const [recentRow] = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, recent.id));
    expect(recentRow?.replyState).toBe("pending");

    expect(await sweepPending(handle.db, 0)).toBe(1);
    await inlineRunner().idle();
    expect(await sweepPending(handle.db, 0)).toBe(0);
  });
});
