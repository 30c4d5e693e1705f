import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { conversationEvents, escalations, messages } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { handoffs } from "./handoffs";
import { firstResponseTimes } from "./response-times";

const T0 = new Date("2026-05-04T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

// A reaction to the bot's answer is not a new question, and a conversation taken over twice is
// one conversation taken over.
describe.each(testDatabaseKinds)("response waits and take-overs on %s", (kind) => {
  let handle: DatabaseHandle;
  let range: Parameters<typeof firstResponseTimes>[1];

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const ws = await seedWorkspace(handle.db, "Waits Shop");
    const { id: conversationId } = await seedConversation(handle.db, ws, {
      waId: "351912345001",
      start: T0,
      count: 1,
    });
    const base = { workspaceId: ws.workspaceId, conversationId, channelId: ws.channelId };
    await handle.db.insert(messages).values([
      {
        ...base,
        direction: "outbound",
        type: "text",
        text: "We open at 9.",
        status: "read",
        source: "faq",
        createdAt: at(2),
      },
      {
        ...base,
        direction: "inbound",
        type: "reaction",
        text: "👍",
        status: "received",
        createdAt: at(30),
      },
    ]);
    await handle.db.insert(conversationEvents).values([
      { ...base, kind: "took_over", createdAt: at(60) },
      { ...base, kind: "handed_back", createdAt: at(90) },
      { ...base, kind: "took_over", createdAt: at(120) },
    ]);
    range = { workspaceId: ws.workspaceId, from: T0, to: T0, timeZone: "UTC" };
  });
  afterAll(() => handle.close());

  it("does not count a reaction as a customer waiting", async () => {
    const times = await firstResponseTimes(handle.db, range);
    expect(times.bot).toEqual({ answered: 1, medianMs: 2000, p90Ms: 2000 });
    expect(times.people).toMatchObject({ answered: 0, unanswered: 0 });
  });

  it("counts each conversation taken over once", async () => {
    expect((await handoffs(handle.db, range)).takenOver).toBe(1);
  });
});

// "Not answered within a day" is a judgement a day needs to pass for.
describe.each(testDatabaseKinds)("waits for a person not answered within a day on %s", (kind) => {
  let handle: DatabaseHandle;
  let range: Parameters<typeof firstResponseTimes>[1];

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const ws = await seedWorkspace(handle.db, "Late Shop");
    const { id: conversationId } = await seedConversation(handle.db, ws, {
      waId: "351912345002",
      start: T0,
      count: 1,
    });
    const [question] = await handle.db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.conversationId, conversationId));
    await handle.db.insert(escalations).values({
      workspaceId: ws.workspaceId,
      conversationId,
      messageId: question?.id ?? "",
      reason: "unanswered",
      createdAt: at(5),
    });
    range = { workspaceId: ws.workspaceId, from: T0, to: T0, timeZone: "UTC" };
  });
  afterAll(() => handle.close());

  it("counts a hand-off no one answered only once it is a day old", async () => {
    const twoHoursOn = await firstResponseTimes(handle.db, range, at(2 * 3600));
    expect(twoHoursOn.people).toMatchObject({ answered: 0, unanswered: 0 });
    const dayOn = await firstResponseTimes(handle.db, range, at(24 * 3600 + 60));
    expect(dayOn.people).toMatchObject({ answered: 0, unanswered: 1 });
  });
});
