import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { messages } from "@/db/schema";
import { createTestDatabase } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { handleInboundMessageFn } from "./handle-inbound-message";

// The Inngest function as Inngest runs it (replaying the handler per step), on a real database.
describe("handle-inbound-message under the Inngest executor", () => {
  let handle: DatabaseHandle;
  let data: { workspaceId: string; conversationId: string; messageId: string };

  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    provideDatabase(handle);
    const ws = await seedWorkspace(handle.db);
    const conversation = await seedConversation(handle.db, ws, {
      waId: "254700000100",
      start: new Date(),
      count: 1,
    });
    const [message] = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversation.id));
    await handle.db
      .update(messages)
      .set({ replyState: "pending" })
      .where(eq(messages.id, message?.id ?? ""));
    data = {
      workspaceId: ws.workspaceId,
      conversationId: conversation.id,
      messageId: message?.id ?? "",
    };
  });
  afterAll(() => handle.close());

  it("claims the message once; a second run finds it already handled", async () => {
    const engine = new InngestTestEngine({ function: handleInboundMessageFn });
    const event = { name: "whatsapp/message.received", data } as const;
    const first = await engine.execute({ events: [event] });
    expect(first.result).toEqual({ messageId: data.messageId, handled: true });
    expect(first.ctx.step.run).toHaveBeenCalledWith("claim-message", expect.any(Function));
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, data.messageId));
    expect(row?.replyState).toBe("handled");

    // A fresh engine: the same one would replay its memoised step result.
    const second = await new InngestTestEngine({ function: handleInboundMessageFn }).execute({
      events: [event],
    });
    expect(second.result).toEqual({ messageId: data.messageId, handled: false });
  });

  it("refuses an event that does not match the schema", async () => {
    const engine = new InngestTestEngine({ function: handleInboundMessageFn });
    const { error } = await engine.execute({
      events: [{ name: "whatsapp/message.received", data: { workspaceId: "nope" } }] as never,
    });
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/workspaceId|messageId/);
  });
});
