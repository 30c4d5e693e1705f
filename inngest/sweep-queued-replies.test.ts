import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { queueReply } from "@/db/queries/inbox-actions";
import { conversations, messages } from "@/db/schema";
import { provideReplyDeps } from "@/lib/bot/deps";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { provideAcceptingReplyDeps } from "@/lib/testing/reply-harness";
import { seedUser } from "@/lib/testing/workspace-context";
import { inlineRunner } from "./dispatch";
import { sweepPending } from "./sweep";

describe.each(testDatabaseKinds)("sweep of people's queued replies on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    provideAcceptingReplyDeps(handle.db);
  });
  afterAll(async () => {
    await inlineRunner().idle();
    provideReplyDeps(undefined);
    await handle.close();
  });

  it("sends a reply left queued (as after a crash), and leaves a recent one to its job", async () => {
    const ws = await seedWorkspace(handle.db);
    const person = await seedUser(handle.db, "agent");
    const { id: conversationId } = await seedConversation(handle.db, ws, {
      waId: "254700000300",
      start: new Date(),
      count: 1,
    });
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: new Date() })
      .where(eq(conversations.id, conversationId));
    const queue = async (text: string) => {
      const outcome = await queueReply(handle.db, {
        workspaceId: ws.workspaceId,
        conversationId,
        userId: person.id,
        clientId: randomUUID(),
        type: "text",
        text,
        payload: null,
      });
      if (outcome.state !== "queued") throw new Error(outcome.state);
      return outcome.messageId;
    };
    const lost = await queue("Sorry for the wait");
    const recent = await queue("Anything else?");
    await handle.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(messages.id, lost));
    const state = async (id: string) =>
      (await handle.db.select().from(messages).where(eq(messages.id, id)))[0];

    expect(await sweepPending(handle.db, 60_000)).toBe(1);
    await inlineRunner().idle();
    expect(await state(lost)).toMatchObject({
      status: "sent",
      queueState: "handled",
      waMessageId: expect.stringMatching(/^wamid\./),
    });
    expect(await state(recent)).toMatchObject({ status: "pending", queueState: "pending" });

    expect(await sweepPending(handle.db, 0)).toBe(1);
    await inlineRunner().idle();
    expect(await state(recent)).toMatchObject({ status: "sent" });
    expect(await sweepPending(handle.db, 0)).toBe(0);
  });
});
