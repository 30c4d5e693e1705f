import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { assignConversation, takeOver } from "@/db/queries/inbox-actions";
import { LIVE_CHANNEL, type LiveEvent, notifyLive } from "@/db/queries/live";
import { markReplySentAndFinish } from "@/db/queries/messages";
import { messages } from "@/db/schema";
import { provideReplyDeps } from "@/lib/bot/deps";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { provideAcceptingReplyDeps } from "@/lib/testing/reply-harness";
import { seedQuietWorkspace, webhookPoster } from "@/lib/testing/webhook-harness";
import {
  contact,
  envelope,
  inbound,
  messagesChange,
  status,
  wamid,
} from "@/lib/testing/webhook-payloads";
import { seedUser } from "@/lib/testing/workspace-context";
import { type LiveBatch, liveLost, liveStats, resetLiveHub, subscribeLive } from "./hub";

// The live fan-out over a real database: what each write notifies, that a workspace hears only its
// own events, and that a notification from another connection (another replica) arrives.
describe.each(testDatabaseKinds)("live updates on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedQuietWorkspace>>;
  let other: Awaited<ReturnType<typeof seedQuietWorkspace>>;
  const heard: LiveEvent[] = [];
  const heardElsewhere: LiveEvent[] = [];
  const lost: string[] = [];
  // What two streams of the shop and one of the other workspace receive of the lists' changes.
  const batches: LiveBatch[] = [];
  const batchesToo: LiveBatch[] = [];
  const batchesElsewhere: LiveBatch[] = [];
  const post = webhookPoster(() => handle.db, { jobs: false });

  const waitFor = async (pred: () => boolean, ms = 3000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error("timed out waiting for a live event");
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const customerWrites = (phoneNumberId: string, phone: string, body = "Hello") => {
    const msg = inbound({ phone }, "text", { text: { body } });
    return post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(phoneNumberId, { contacts: [contact({ phone })], messages: [msg] }),
        ],
      }),
    );
  };

  beforeAll(async () => {
    resetLiveHub();
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    provideAcceptingReplyDeps(handle.db);
    shop = await seedQuietWorkspace(handle.db, "Live Shop");
    other = await seedQuietWorkspace(handle.db, "Other Shop");
    await subscribeLive(shop.workspaceId, (e) => heard.push(e), {
      listen: handle.listen,
      onLost: () => lost.push(shop.workspaceId),
      onChanges: (b) => batches.push(b),
    });
    await subscribeLive(shop.workspaceId, () => {}, {
      listen: handle.listen,
      onChanges: (b) => batchesToo.push(b),
    });
    await subscribeLive(other.workspaceId, (e) => heardElsewhere.push(e), {
      listen: handle.listen,
      onChanges: (b) => batchesElsewhere.push(b),
    });
  });
  afterAll(async () => {
    resetLiveHub();
    provideReplyDeps(undefined);
    await handle.close();
  });
  beforeEach(() => {
    heard.length = 0;
    heardElsewhere.length = 0;
    batches.length = 0;
    batchesToo.length = 0;
    batchesElsewhere.length = 0;
  });

  it("one listener serves every stream of the process", () => {
    expect(liveStats()).toMatchObject({ workspaces: 2, subscribers: 3 });
  });

  it("a customer's message notifies its workspace only, with the conversation", async () => {
    const res = await customerWrites(shop.phoneNumberId, "254711000001");
    expect(res.status).toBe(200);
    await waitFor(() => heard.some((e) => e.k === "inbound"));
    const event = heard.find((e) => e.k === "inbound");
    const [row] = await handle.db.select().from(messages).limit(1);
    expect(event).toMatchObject({ w: shop.workspaceId, c: row?.conversationId, a: null });
    await new Promise((r) => setTimeout(r, 100));
    expect(heardElsewhere).toEqual([]);
  });

  it("names the assignee when a customer writes in an assigned conversation", async () => {
    await customerWrites(shop.phoneNumberId, "254711000002", "first");
    await waitFor(() => heard.some((e) => e.k === "inbound"));
    const c = heard.find((e) => e.k === "inbound")?.c ?? "";
    const agent = await seedUser(handle.db, "live-agent");
    const { addMembership } = await import("@/db/queries/memberships");
    await addMembership(handle.db, {
      workspaceId: shop.workspaceId,
      userId: agent.id,
      role: "agent",
    });
    heard.length = 0;
    await assignConversation(handle.db, {
      workspaceId: shop.workspaceId,
      conversationId: c,
      userId: agent.id,
      assigneeId: agent.id,
    });
    await waitFor(() => heard.some((e) => e.k === "assigned"));
    expect(heard.find((e) => e.k === "assigned")).toMatchObject({ c, a: agent.id, by: agent.id });
    heard.length = 0;
    await customerWrites(shop.phoneNumberId, "254711000002", "second");
    await waitFor(() => heard.some((e) => e.k === "inbound"));
    expect(heard.find((e) => e.k === "inbound")).toMatchObject({ c, a: agent.id });
    heard.length = 0;
    await takeOver(handle.db, {
      workspaceId: shop.workspaceId,
      conversationId: c,
      userId: agent.id,
    });
    await waitFor(() => heard.some((e) => e.k === "conversation"));
  });

  it("status ticks notify once per conversation, in the statement that applies them", async () => {
    await customerWrites(shop.phoneNumberId, "254711000003");
    await waitFor(() => heard.some((e) => e.k === "inbound"));
    const c = heard.find((e) => e.k === "inbound")?.c ?? "";
    const sent = wamid();
    await handle.db.insert(messages).values({
      workspaceId: shop.workspaceId,
      conversationId: c,
      channelId: shop.channelId,
      direction: "outbound",
      waMessageId: sent,
      type: "text",
      text: "Hi",
      status: "sent",
    });
    heard.length = 0;
    await post(
      envelope({
        wabaId: "1",
        changes: [messagesChange(shop.phoneNumberId, { statuses: [status(sent, "delivered")] })],
      }),
    );
    await waitFor(() => heard.some((e) => e.k === "status"));
    expect(heard.filter((e) => e.k === "status")).toEqual([
      { w: shop.workspaceId, c, k: "status", a: null, by: null },
    ]);
    // A repeated status changes nothing and tells nobody.
    heard.length = 0;
    await post(
      envelope({
        wabaId: "1",
        changes: [messagesChange(shop.phoneNumberId, { statuses: [status(sent, "delivered")] })],
      }),
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(heard.filter((e) => e.k === "status")).toEqual([]);
  });

  it("a bot reply's send notifies its conversation in the statement that records it", async () => {
    await customerWrites(shop.phoneNumberId, "254711000009");
    await waitFor(() => heard.some((e) => e.k === "inbound"));
    const c = heard.find((e) => e.k === "inbound")?.c ?? "";
    const [question] = await handle.db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.conversationId, c));
    const [reply] = await handle.db
      .insert(messages)
      .values({
        workspaceId: shop.workspaceId,
        conversationId: c,
        channelId: shop.channelId,
        direction: "outbound",
        type: "text",
        text: "We open at 9.",
        status: "pending",
      })
      .returning({ id: messages.id });
    heard.length = 0;
    const record = {
      workspaceId: shop.workspaceId,
      id: reply?.id ?? "",
      conversationId: c,
      waMessageId: wamid(),
      latencyMs: 120,
      preview: "We open at 9.",
      question: { messageId: question?.id ?? "", state: "handled" as const },
    };
    expect(await markReplySentAndFinish(handle.db, record)).toBe(true);
    await waitFor(() => heard.some((e) => e.k === "outbound"));
    expect(heard.filter((e) => e.k === "outbound")).toEqual([
      { w: shop.workspaceId, c, k: "outbound", a: null, by: null },
    ]);
    // A send recorded already by another row's id is not this call's, and tells nobody.
    heard.length = 0;
    expect(await markReplySentAndFinish(handle.db, { ...record, waMessageId: wamid() })).toBe(
      false,
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(heard.filter((e) => e.k === "outbound")).toEqual([]);
  });

  it("a send failing because the reply window closed is a hand-off, with its tick", async () => {
    await customerWrites(shop.phoneNumberId, "254711000004");
    await waitFor(() => heard.some((e) => e.k === "inbound"));
    const c = heard.find((e) => e.k === "inbound")?.c ?? "";
    const sent = wamid();
    await handle.db.insert(messages).values({
      workspaceId: shop.workspaceId,
      conversationId: c,
      channelId: shop.channelId,
      direction: "outbound",
      waMessageId: sent,
      type: "text",
      text: "Late answer",
      status: "sent",
    });
    heard.length = 0;
    await post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(shop.phoneNumberId, {
            statuses: [
              status(sent, "failed", new Date(), { code: 131047, details: "window closed" }),
            ],
          }),
        ],
      }),
    );
    await waitFor(
      () => heard.some((e) => e.k === "handoff") && heard.some((e) => e.k === "status"),
    );
    expect(heard.find((e) => e.k === "handoff")).toMatchObject({ w: shop.workspaceId, c });
    expect(heardElsewhere).toEqual([]);
  });

  it("nothing is heard of a transaction that rolls back", async () => {
    await handle.db
      .transaction(async (tx) => {
        await notifyLive(tx, [{ w: shop.workspaceId, c: null, k: "conversation" }]);
        throw new Error("rolled back");
      })
      .catch(() => {});
    await notifyLive(handle.db, [{ w: shop.workspaceId, c: null, k: "note" }]);
    await waitFor(() => heard.length > 0);
    expect(heard.map((e) => e.k)).toEqual(["note"]);
  });

  it("ignores a payload that is not an event", async () => {
    await handle.db.execute(
      `select pg_notify('${LIVE_CHANNEL}', '{"w":"${shop.workspaceId}","k":"nonsense"}')` as never,
    );
    await notifyLive(handle.db, [{ w: shop.workspaceId, c: null, k: "read" }]);
    await waitFor(() => heard.length > 0);
    expect(heard.map((e) => e.k)).toEqual(["read"]);
  });

  it("tells the streams to start over when the listening connection was lost", () => {
    liveLost();
    expect(lost).toEqual([shop.workspaceId]);
  });

  it.runIf(kind === "postgres")(
    "listens again after its connection is ended, and says changes may have been missed",
    async () => {
      lost.length = 0;
      const terminate = async () => {
        const rows = (await handle.db.execute(
          "select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and query ilike 'listen %'" as never,
        )) as unknown as unknown[];
        return rows.length;
      };
      expect(await terminate()).toBe(1);
      await waitFor(() => lost.length > 0, 30_000);
      await notifyLive(handle.db, [{ w: shop.workspaceId, c: null, k: "note" }]);
      await waitFor(() => heard.some((e) => e.k === "note"), 5000);
    },
  );

  it.runIf(kind === "postgres")(
    "hears a notification sent from another connection, as from another replica",
    async () => {
      const url = process.env.DATABASE_URL ?? "";
      const current = (await handle.db.execute("select current_database() as name" as never)) as
        | { name: string }[]
        | { rows: { name: string }[] };
      const name = Array.isArray(current) ? current[0]?.name : current.rows[0]?.name;
      const parsed = new URL(url);
      parsed.pathname = `/${name}`;
      const replica = postgres(parsed.toString(), { max: 1, onnotice: () => {} });
      try {
        const payload = JSON.stringify({ w: shop.workspaceId, c: null, k: "handoff" });
        await replica`select pg_notify(${LIVE_CHANNEL}, ${payload})`;
      } finally {
        await replica.end();
      }
      await waitFor(() => heard.some((e) => e.k === "handoff"));
      expect(heardElsewhere).toEqual([]);
    },
  );

  it("reads what a burst changed once for all the workspace's streams, and for no other", async () => {
    const readsBefore = liveStats().reads;
    await Promise.all([
      customerWrites(shop.phoneNumberId, "254711000101", "one"),
      customerWrites(shop.phoneNumberId, "254711000102", "two"),
    ]);
    const pushedIds = () =>
      new Set(batches.flatMap((b) => (b.failed ? [] : b.read.rows.map((r) => r.row.id))));
    await waitFor(() => heard.filter((e) => e.k === "inbound").length === 2);
    const conversations = heard.filter((e) => e.k === "inbound").map((e) => e.c);
    await waitFor(() => conversations.every((c) => c && pushedIds().has(c)));
    const reads = liveStats().reads - readsBefore;
    // Two messages, two streams: one read each at most, shared by both streams.
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(2);
    expect(batches).toHaveLength(reads);
    expect(batchesToo).toEqual(batches);
    const last = batches.at(-1);
    if (!last || last.failed) throw new Error("expected a read");
    const row = last.read.rows.find((r) => r.row.id === conversations.at(-1))?.row;
    expect(row?.lastMessagePreview).toMatch(/^(one|two)$/);
    expect(last.read.counts.shared.all).toBeGreaterThanOrEqual(2);
    // What every stream sends alike is serialised once, and holds the rows.
    expect(last.shared).toContain(`"id":"${row?.id}"`);
    await new Promise((r) => setTimeout(r, 100));
    expect(batchesElsewhere).toEqual([]);
    expect(heardElsewhere).toEqual([]);
  });

  it("reads nothing for delivery ticks alone", async () => {
    const readsBefore = liveStats().reads;
    await notifyLive(handle.db, [
      { w: shop.workspaceId, c: "00000000-0000-4000-8000-000000000001", k: "status" },
    ]);
    await waitFor(() => heard.some((e) => e.k === "status"));
    await new Promise((r) => setTimeout(r, 100));
    expect(liveStats().reads).toBe(readsBefore);
    expect(batches).toEqual([]);
  });

  it("tells the streams to read their lists themselves when the read fails", async () => {
    const unsubscribe = await subscribeLive(shop.workspaceId, () => {}, {
      listen: handle.listen,
      read: () => Promise.reject(new Error("the database is away")),
    });
    try {
      const c = "00000000-0000-4000-8000-000000000002";
      await notifyLive(handle.db, [{ w: shop.workspaceId, c, k: "conversation" }]);
      await waitFor(() => batches.some((b) => b.failed && b.ids.includes(c)));
      expect(batches.every((b) => b.failed)).toBe(true);
    } finally {
      unsubscribe();
    }
  });
});
