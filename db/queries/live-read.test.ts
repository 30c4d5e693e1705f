import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { jsonify } from "@/lib/api/jsonify";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { conversationLabels, conversations, labels, users } from "../schema";
import { countsFor, type InboxFilter, inboxCounts, listInbox, sharedTabs } from "./inbox";
import { readLiveChanges } from "./live";

type Shop = Awaited<ReturnType<typeof seedWorkspace>>;
type Set_ = Partial<typeof conversations.$inferInsert>;

// What the live updates read once per burst for every open inbox: each changed conversation's row
// exactly as the list reads it, the tabs it is in, and every member's counts as each would read
// them, never anything of another workspace.
describe.each(testDatabaseKinds)("the live read on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Shop;
  let other: Shop;
  let ana: string;
  let ben: string;
  let nobody: string;
  const ids: string[] = [];
  let foreignId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Live Read Shop");
    other = await seedWorkspace(handle.db, "Other Read Shop");
    const people = await handle.db
      .insert(users)
      .values([{ email: "ana@live.test" }, { email: "ben@live.test" }, { email: "no@live.test" }])
      .returning({ id: users.id });
    [ana, ben, nobody] = people.map((p) => p.id) as [string, string, string];
    const later = new Date(Date.now() + 3_600_000);
    const [label] = await handle.db
      .insert(labels)
      .values({ workspaceId: shop.workspaceId, name: "VIP" })
      .returning({ id: labels.id });
    const seeds: Set_[] = [
      { status: "human", needsHuman: true, assigneeId: ana, unreadCount: 2 },
      { unreadCount: 3, assigneeId: ana },
      { status: "closed", assigneeId: ana, unreadCount: 1 },
      { needsHuman: true, priority: "urgent" },
      { assigneeId: ben, unreadCount: 1, priority: "high" },
      { snoozedUntil: later, assigneeId: ben, unreadCount: 4 },
      { status: "human", assigneeId: ben },
      {},
    ];
    const start = Date.parse("2026-11-02T10:00:00Z");
    for (const [i, set] of seeds.entries()) {
      const conv = await seedConversation(handle.db, shop, {
        waId: `35191400000${i}`,
        name: `Customer ${i}`,
        start: new Date(start + i * 60_000),
        count: 1,
      });
      ids.push(conv.id);
      await handle.db
        .update(conversations)
        .set({ lastInboundAt: new Date(), ...set })
        .where(and(eq(conversations.id, conv.id), eq(conversations.workspaceId, shop.workspaceId)));
    }
    await handle.db.insert(conversationLabels).values({
      workspaceId: shop.workspaceId,
      conversationId: ids[3] as string,
      labelId: label?.id as string,
    });
    // Another workspace's conversation, assigned to Ana too and needing a person.
    const foreign = await seedConversation(handle.db, other, {
      waId: "351914000000",
      name: "Foreign",
      start: new Date(start),
      count: 1,
    });
    foreignId = foreign.id;
    await handle.db
      .update(conversations)
      .set({ needsHuman: true, assigneeId: ana, unreadCount: 9 })
      .where(eq(conversations.id, foreign.id));
  });

  afterAll(async () => {
    await handle?.close();
  });

  const read = (conversationIds: string[]) =>
    readLiveChanges(handle.db, { workspaceId: shop.workspaceId, conversationIds });

  it("reads each changed conversation as the list's own row", async () => {
    const { rows, gone } = await read(ids);
    expect(gone).toEqual([]);
    const listed = await listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: ana,
      filter: "all",
      limit: 50,
    });
    const closed = await listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: ana,
      filter: "closed",
      limit: 50,
    });
    const snoozed = await listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: ana,
      filter: "snoozed",
      limit: 50,
    });
    const byId = new Map(
      [...listed.rows, ...closed.rows, ...snoozed.rows].map((r) => [r.id, jsonify(r)]),
    );
    expect(rows).toHaveLength(ids.length);
    for (const pushed of rows) expect(jsonify(pushed.row)).toEqual(byId.get(pushed.row.id));
    expect(rows.find((r) => r.row.id === ids[3])?.row.labelIds).toHaveLength(1);
  });

  it("names the tabs each conversation is in by the list's own conditions", async () => {
    const { rows } = await read(ids);
    for (const tab of sharedTabs) {
      const page = await listInbox(handle.db, {
        workspaceId: shop.workspaceId,
        userId: ana,
        filter: tab as InboxFilter,
        limit: 50,
      });
      const inTab = new Set(page.rows.map((r) => r.id));
      for (const pushed of rows)
        expect(pushed.tabs.includes(tab), tab).toBe(inTab.has(pushed.row.id));
    }
  });

  it("gives every member the counts they would read themselves", async () => {
    const { counts } = await read([ids[0] as string]);
    for (const userId of [ana, ben, nobody]) {
      expect(countsFor(counts, userId)).toEqual(
        await inboxCounts(handle.db, { workspaceId: shop.workspaceId, userId }),
      );
    }
    // Ana waits on the two needing a person and her own unread one; Ben on those two and his one.
    expect(countsFor(counts, ana)).toMatchObject({ mine: 2, waiting: 3, needs_human: 2 });
    expect(countsFor(counts, ben)).toMatchObject({ mine: 2, waiting: 3, snoozed: 1 });
    expect(countsFor(counts, nobody)).toMatchObject({ mine: 0, waiting: 2 });
  });

  it("never reads another workspace's conversation, nor counts it", async () => {
    const { rows, gone, counts } = await read([foreignId, ids[7] as string]);
    expect(rows.map((r) => r.row.id)).toEqual([ids[7]]);
    expect(gone).toEqual([foreignId]);
    expect(JSON.stringify(rows)).not.toContain("Foreign");
    expect(countsFor(counts, ana).unread).toBe(
      (await inboxCounts(handle.db, { workspaceId: shop.workspaceId, userId: ana })).unread,
    );
  });

  it("says which conversations are gone", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const { rows, gone } = await read([missing]);
    expect(rows).toEqual([]);
    expect(gone).toEqual([missing]);
  });
});
