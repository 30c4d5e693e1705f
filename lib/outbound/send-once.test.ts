import { eq } from "drizzle-orm";
import { RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { messages } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { seedQuietWorkspace } from "@/lib/testing/webhook-harness";
import { sendOnce } from "./send-once";

const RECONCILE_MS = 60_000;

describe.each(testDatabaseKinds)("a send cut off by a restart, on %s", (kind) => {
  let handle: DatabaseHandle;
  let target: { workspaceId: string; conversationId: string; channelId: string };
  const cutAt = new Date("2026-11-20T09:00:00Z");

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const ws = await seedQuietWorkspace(handle.db, "Restarted Shop");
    const { id } = await seedConversation(handle.db, ws, {
      waId: "254703000001",
      start: cutAt,
      count: 1,
    });
    target = { workspaceId: ws.workspaceId, conversationId: id, channelId: ws.channelId };
  });
  afterAll(() => handle.close());

  // A reply claimed for its Graph call when the process died: Meta may have taken it.
  async function cutOff() {
    const [row] = await handle.db
      .insert(messages)
      .values({
        ...target,
        direction: "outbound",
        type: "text",
        text: "Your order is ready",
        status: "pending",
        sendingAt: cutAt,
        sendAttempts: 1,
      })
      .returning({ id: messages.id });
    if (!row) throw new Error("no row");
    return row.id;
  }

  const attempt = (id: string, now: Date, heldSince: Date | undefined, sends: string[]) =>
    sendOnce(
      handle.db,
      { workspaceId: target.workspaceId, id, conversationId: target.conversationId, preview: "" },
      async (callbackData) => {
        sends.push(callbackData);
        return `wamid.${id}.${sends.length}`;
      },
      { reconcileMs: RECONCILE_MS, now: () => now, ...(heldSince && { heldSince }) },
    );

  it("waits the whole window from the restart, although the cut is older than the window", async () => {
    const id = await cutOff();
    const restartedAt = new Date(cutAt.getTime() + 5 * 60_000);
    const sends: string[] = [];
    const early = attempt(id, new Date(restartedAt.getTime() + 1_000), restartedAt, sends);
    await expect(early).rejects.toBeInstanceOf(RetryAfterError);
    await expect(early).rejects.toMatchObject({
      retryAfter: new Date(restartedAt.getTime() + RECONCILE_MS).toISOString(),
    });
    expect(sends).toEqual([]);
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, id));
    expect(row?.sendAttempts).toBe(1);

    // No status came within the window from the restart: it goes once more.
    const late = await attempt(
      id,
      new Date(restartedAt.getTime() + RECONCILE_MS + 1),
      restartedAt,
      sends,
    );
    expect(late).toEqual({ state: "sent", waMessageId: `wamid.${id}.1` });
    expect(sends).toEqual([`m:${id}`]);
  });

  it("goes again at once when the process has been up longer than the window", async () => {
    const id = await cutOff();
    const sends: string[] = [];
    const upSince = new Date(cutAt.getTime() - 60 * 60_000);
    const outcome = await attempt(id, new Date(cutAt.getTime() + RECONCILE_MS + 1), upSince, sends);
    expect(outcome.state).toBe("sent");
    expect(sends).toHaveLength(1);
  });
});
