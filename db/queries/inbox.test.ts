import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { conversations, messages, users } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import {
  type InboxFilter,
  inboxCounts,
  listInbox,
  type SearchTuning,
  toPrefixTsquery,
} from "./inbox";

type Shop = Awaited<ReturnType<typeof seedWorkspace>>;

// Twelve conversations a minute apart, newest last; their traits decide which tabs hold them.
const SEEDS: Array<{
  name: string;
  waId: string;
  set?: Partial<typeof conversations.$inferInsert>;
  text?: string;
}> = [
  { name: "Ana Silva", waId: "351912000001", set: { status: "human", needsHuman: true } },
  { name: "Bruno Costa", waId: "351912000002", set: { unreadCount: 3 } },
  { name: "Carla Dias", waId: "447700900003", set: { status: "closed" } },
  { name: "Duarte Reis", waId: "447700900004", text: "Where is my REFUND for order 778?" },
  { name: "Eva Lopes", waId: "351913000005", set: { needsHuman: true } },
  { name: "Filipa Anaïs", waId: "351913000006", set: { status: "closed", unreadCount: 1 } },
  { name: "Gil 100%", waId: "351913000007" },
  { name: "Helena", waId: "351913000008" },
  { name: "Ivo", waId: "351913000009" },
  { name: "João", waId: "351913000010" },
  { name: "Kika", waId: "351913000011" },
  { name: "Lara", waId: "351913000012", set: { unreadCount: 2 } },
];

describe.each(testDatabaseKinds)("inbox queries on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Shop;
  let other: Shop;
  let agent: string;
  let ids: string[] = [];
  let otherId: string;

  // Search collects its matches or walks the list in order, by how many there are: `plan` forces
  // each way so both are tested on these few rows.
  let tuning: SearchTuning | undefined;
  const list = (filter: InboxFilter, search?: string, limit = 50) =>
    listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: agent,
      filter,
      search,
      limit,
      tuning,
    });
  const names = async (filter: InboxFilter, search?: string) =>
    (await list(filter, search)).rows.map((r) => r.contact.name);
  const plans: Array<[string, SearchTuning]> = [
    ["collected", { walkBudget: 0 }],
    ["walked in order", { walkBudget: 0, collectLimit: 0 }],
  ];

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Shop");
    other = await seedWorkspace(handle.db, "Other Shop");
    const [user] = await handle.db.insert(users).values({ email: "agent@example.com" }).returning();
    agent = user?.id ?? "";
    const start = Date.parse("2026-11-01T10:00:00Z");
    ids = [];
    for (const [i, seed] of SEEDS.entries()) {
      const conv = await seedConversation(handle.db, shop, {
        waId: seed.waId,
        name: seed.name,
        start: new Date(start + i * 60_000),
        count: 1,
      });
      ids.push(conv.id);
      if (seed.text)
        await handle.db
          .update(messages)
          .set({ text: seed.text })
          .where(eq(messages.conversationId, conv.id));
      await handle.db
        .update(conversations)
        .set({ lastInboundAt: new Date(), ...seed.set, assigneeId: i % 4 === 0 ? agent : null })
        .where(and(eq(conversations.id, conv.id), eq(conversations.workspaceId, shop.workspaceId)));
    }
    // Another workspace whose contact would match every search used below.
    const foreign = await seedConversation(handle.db, other, {
      waId: "351912000001",
      name: "Ana Silva Refund",
      start: new Date(start + 3_600_000),
      count: 1,
    });
    otherId = foreign.id;
    await handle.db
      .update(messages)
      .set({ text: "refund please" })
      .where(eq(messages.conversationId, foreign.id));
    await handle.db
      .update(conversations)
      .set({ unreadCount: 5, needsHuman: true, assigneeId: agent })
      .where(eq(conversations.id, foreign.id));
    // An old inbound message: its window is closed.
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(conversations.id, ids[11] as string));
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("lists open conversations newest first with the contact, preview and window", async () => {
    const { rows, next } = await list("all");
    expect(rows.map((r) => r.contact.name)).toEqual(
      SEEDS.filter((s) => s.set?.status !== "closed")
        .map((s) => s.name)
        .reverse(),
    );
    expect(next).toBeNull();
    const lara = rows[0];
    expect(lara).toMatchObject({
      contact: { name: "Lara", waId: "351913000012" },
      status: "bot",
      unreadCount: 2,
      windowOpen: false,
    });
    expect(lara?.lastMessageAt).toBeInstanceOf(Date);
    expect(rows[1]).toMatchObject({ contact: { name: "Kika" }, windowOpen: true });
  });

  it("filters each tab", async () => {
    expect(await names("needs_human")).toEqual(["Eva Lopes", "Ana Silva"]);
    // Eva needs a person, but the bot still answers her.
    expect(await names("bot")).toEqual(
      SEEDS.filter((s) => !s.set?.status)
        .map((s) => s.name)
        .reverse(),
    );
    expect(await names("closed")).toEqual(["Filipa Anaïs", "Carla Dias"]);
    // Assigned at 0, 4 and 8: Ana, Eva and Ivo; none closed.
    expect(await names("mine")).toEqual(["Ivo", "Eva Lopes", "Ana Silva"]);
    // Filipa has unread messages but is closed.
    expect(await names("unread")).toEqual(["Lara", "Bruno Costa"]);
  });

  it("counts each tab", async () => {
    expect(await inboxCounts(handle.db, { workspaceId: shop.workspaceId, userId: agent })).toEqual({
      all: 10,
      needs_human: 2,
      bot: 9,
      closed: 2,
      mine: 3,
      unread: 2,
      // Eva and Ana wait for a person; none of the agent's own has a message unread.
      waiting: 2,
      snoozed: 0,
    });
    expect(
      await inboxCounts(handle.db, { workspaceId: other.workspaceId, userId: agent }),
    ).toMatchObject({ all: 1, needs_human: 1, mine: 1, unread: 1 });
  });

  describe.each(plans)("search, %s", (_, plan) => {
    beforeAll(() => {
      tuning = plan;
    });
    afterAll(() => {
      tuning = undefined;
    });

    it("searches contact names by word prefixes, case-insensitively", async () => {
      expect(await names("all", "silva")).toEqual(["Ana Silva"]);
      expect(await names("all", "  BRU ")).toEqual(["Bruno Costa"]);
      expect(await names("all", "cos bru")).toEqual(["Bruno Costa"]);
      expect(await names("closed", "anaïs")).toEqual(["Filipa Anaïs"]);
      expect(await names("all", "100%")).toEqual(["Gil 100%"]);
      expect(await names("all", "%")).toEqual([]);
      expect(await names("all", "nobody")).toEqual([]);
    });

    it("searches phones by prefix, ignoring formatting", async () => {
      expect(await names("all", "+44 7700")).toEqual(["Duarte Reis"]);
      expect(await names("all", "351 (912) 000-002")).toEqual(["Bruno Costa"]);
      expect(await names("all", "3519120")).toEqual(["Bruno Costa", "Ana Silva"]);
      expect(await names("closed", "4477")).toEqual(["Carla Dias"]);
    });

    it("searches message text by words and word prefixes", async () => {
      expect(await names("all", "refund")).toEqual(["Duarte Reis"]);
      expect(await names("all", "Refun ORD")).toEqual(["Duarte Reis"]);
      expect(await names("all", "refund pizza")).toEqual([]);
      expect(await names("needs_human", "refund")).toEqual([]);
      expect(toPrefixTsquery("it's a b&c | !")).toBe("it:* & s:* & a:* & b:* & c:*");
      expect(toPrefixTsquery("+351 912-000")).toBe("351912000:*");
      expect(toPrefixTsquery("  !? ")).toBeNull();
    });

    it("never finds another workspace's conversations", async () => {
      for (const filter of ["all", "needs_human", "mine", "unread"] as const) {
        for (const search of ["ana", "351912000001", "refund"]) {
          const { rows } = await list(filter, search);
          expect(rows.map((r) => r.id)).not.toContain(otherId);
        }
      }
    });
  });

  it("pages without duplicates or gaps, across equal timestamps", async () => {
    // Three conversations share one timestamp, so only the id tiebreak orders them.
    const same = new Date("2026-11-01T10:30:00Z");
    for (const id of ids.slice(6, 9))
      await handle.db
        .update(conversations)
        .set({ lastMessageAt: same })
        .where(eq(conversations.id, id));
    for (const limit of [1, 2, 3, 4]) {
      const seen: string[] = [];
      let after: { at: string; id: string } | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await listInbox(handle.db, {
          workspaceId: shop.workspaceId,
          userId: agent,
          filter: "all",
          after,
          limit,
        });
        expect(res.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...res.rows.map((r) => r.id));
        if (!res.next) break;
        after = res.next;
      }
      const all = (await list("all")).rows.map((r) => r.id);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(10);
    }
  });

  it("pages through search results, whichever way each page is found", async () => {
    // "3519" matches every open conversation's phone but Duarte's, and "message" every open
    // conversation's text but Duarte's, which asks for a refund.
    for (const [search, expected] of [
      ["3519", 9],
      ["message", 9],
    ] as const) {
      for (const t of [undefined, { walkBudget: 3 }, { walkBudget: 0 }, { collectLimit: 0 }]) {
        const seen: string[] = [];
        let after: { at: string; id: string } | undefined;
        for (let page = 0; page < 20; page++) {
          const res = await listInbox(handle.db, {
            workspaceId: shop.workspaceId,
            userId: agent,
            filter: "all",
            search,
            after,
            limit: 2,
            tuning: t,
          });
          seen.push(...res.rows.map((r) => r.id));
          if (!res.next) break;
          after = res.next;
        }
        expect(seen).toEqual((await list("all", search)).rows.map((r) => r.id));
        expect(new Set(seen).size).toBe(expected);
      }
    }
  });

  it("never shows another workspace's conversations", async () => {
    for (const filter of ["all", "needs_human", "bot", "closed", "mine", "unread"] as const) {
      for (const search of [undefined, "ana", "351912000001", "refund"]) {
        const { rows } = await list(filter, search);
        expect(rows.map((r) => r.id)).not.toContain(otherId);
      }
    }
    const { rows } = await listInbox(handle.db, {
      workspaceId: other.workspaceId,
      userId: agent,
      filter: "all",
      search: "ana",
      limit: 50,
    });
    expect(rows.map((r) => r.id)).toEqual([otherId]);
  });
});
