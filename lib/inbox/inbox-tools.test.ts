import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { insertInboundMessages } from "@/db/queries/inbound-batch";
import { listInbox } from "@/db/queries/inbox";
import { listCannedReplies, wakeSnoozed } from "@/db/queries/inbox-tools";
import { addMembership } from "@/db/queries/memberships";
import { insertInboundMessage, storeSingleInbound } from "@/db/queries/webhooks";
import { auditLog, conversationEvents, conversations, workspaces } from "@/db/schema";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace } from "@/lib/testing/fixtures";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { cannedReplyFields, snoozeInput } from "@/lib/validations/inbox-tools";
import { cannedValues, fillVariables } from "./canned-variables";
import {
  bulkAct,
  createCannedReply,
  createLabel,
  deleteCannedReply,
  labelConversation,
  prioritize,
  snooze,
  updateCannedReply,
} from "./inbox-tools";

vi.mock("server-only", () => ({}));

const HOUR = 60 * 60 * 1000;
let phones = 0;

describe("canned reply variables", () => {
  const values = cannedValues({
    customerName: "  Ana Sousa ",
    agentName: "Rui",
    businessName: "Padaria Lisboa",
  });

  it("fills the customer's, the agent's and the business's names", () => {
    expect(
      fillVariables(
        "Hi {{customer_first_name}}! {{agent_name}} from {{ business_name }} here, {{customer_name}}.",
        values,
      ),
    ).toBe("Hi Ana! Rui from Padaria Lisboa here, Ana Sousa.");
  });

  it("leaves nothing for an unknown name, without a stray space", () => {
    const nameless = cannedValues({ customerName: null, agentName: null, businessName: "Shop" });
    expect(fillVariables("Hi {{customer_name}}, how can we help?", nameless)).toBe(
      "Hi, how can we help?",
    );
  });

  it("keeps variables it does not know, which the form refuses to save", () => {
    expect(fillVariables("Order {{order_id}}", values)).toBe("Order {{order_id}}");
    const parsed = cannedReplyFields.safeParse({
      title: "Order",
      shortcut: "/Order",
      body: "Your order {{order_id}}",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("Unknown variable {{order_id}}");
    const ok = cannedReplyFields.parse({ title: "Hours", shortcut: "/Hours", body: "9 to 5" });
    expect(ok.shortcut).toBe("hours");
  });
});

describe.each(testDatabaseKinds)("inbox tools on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  let ctx: WorkspaceContext;
  let otherCtx: WorkspaceContext;

  const slugOf = async (id: string) => {
    const [ws] = await handle.db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, id));
    if (!ws) throw new Error("no workspace");
    return ws.slug;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Tools Shop");
    other = await seedWorkspace(handle.db, "Other Tools Shop");
    const agent = await seedUser(handle.db, "agent");
    const stranger = await seedUser(handle.db, "stranger");
    await addMembership(handle.db, {
      workspaceId: shop.workspaceId,
      userId: agent.id,
      role: "admin",
    });
    await addMembership(handle.db, {
      workspaceId: other.workspaceId,
      userId: stranger.id,
      role: "owner",
    });
    ctx = await contextAs(handle.db, agent, await slugOf(shop.workspaceId), "inbox.manage");
    otherCtx = await contextAs(
      handle.db,
      stranger,
      await slugOf(other.workspaceId),
      "inbox.manage",
    );
  });
  afterAll(() => handle.close());

  const newConversation = async (ws = shop, name = "Customer") => {
    phones += 1;
    return seedConversation(handle.db, ws, {
      waId: `35191${String(phones).padStart(7, "0")}`,
      name,
      start: new Date(Date.now() - 60_000),
      count: 1,
    });
  };
  const list = (filter: Parameters<typeof listInbox>[1]["filter"], extra = {}) =>
    listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: ctx.user.id,
      filter,
      limit: 50,
      ...extra,
    }).then((p) => p.rows.map((r) => r.id));
  const events = (conversationId: string) =>
    handle.db
      .select({ kind: conversationEvents.kind, body: conversationEvents.body })
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, conversationId))
      .orderBy(conversationEvents.createdAt);

  it("keeps canned replies per workspace, with unique shortcuts, audited", async () => {
    const created = await createCannedReply(ctx, {
      title: "Opening hours",
      shortcut: "hours",
      body: "Hi {{customer_first_name}}, we open at 9.",
    });
    expect(created.ok).toBe(true);
    const again = await createCannedReply(ctx, { title: "Other", shortcut: "hours", body: "x" });
    expect(again).toMatchObject({
      ok: false,
      code: "conflict",
      fieldErrors: { shortcut: expect.any(String) },
    });
    // Another workspace may use the same shortcut, and sees only its own.
    expect(
      (await createCannedReply(otherCtx, { title: "H", shortcut: "hours", body: "y" })).ok,
    ).toBe(true);
    const mine = await listCannedReplies(handle.db, { workspaceId: shop.workspaceId });
    expect(mine.map((r) => r.title)).toEqual(["Opening hours"]);
    if (!created.ok) return;
    // Not another workspace's to change or delete.
    expect(
      await updateCannedReply(otherCtx, {
        id: created.data.id,
        title: "T",
        shortcut: "t",
        body: "b",
      }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteCannedReply(otherCtx, { id: created.data.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    const audited = await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.workspaceId, shop.workspaceId));
    expect(audited.map((a) => a.action)).toContain("canned_reply.created");
  });

  it("labels conversations, records it, filters the list by label and refuses others' labels", async () => {
    const refund = await createLabel(ctx, { name: "Refund", color: "red" });
    const vip = await createLabel(ctx, { name: "VIP", color: "purple" });
    const foreign = await createLabel(otherCtx, { name: "Refund", color: "blue" });
    expect(await createLabel(ctx, { name: "refund", color: "green" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    if (!refund.ok || !vip.ok || !foreign.ok) throw new Error("labels not created");
    const a = await newConversation();
    const b = await newConversation();
    expect(
      await labelConversation(ctx, { conversationId: a.id, labelId: refund.data.id, on: true }),
    ).toEqual({ ok: true, data: { changed: true } });
    expect(
      await labelConversation(ctx, { conversationId: a.id, labelId: refund.data.id, on: true }),
    ).toEqual({ ok: true, data: { changed: false } });
    await labelConversation(ctx, { conversationId: b.id, labelId: vip.data.id, on: true });
    expect(
      await labelConversation(ctx, { conversationId: b.id, labelId: foreign.data.id, on: true }),
    ).toMatchObject({ ok: false, code: "invalid" });
    // Another workspace cannot label this one's conversation with its own label.
    expect(
      await labelConversation(otherCtx, {
        conversationId: a.id,
        labelId: foreign.data.id,
        on: true,
      }),
    ).toMatchObject({ ok: false, code: "not_found" });

    expect(await list("all", { labelId: refund.data.id })).toEqual([a.id]);
    expect(await list("all", { labelId: vip.data.id })).toEqual([b.id]);
    const rows = await listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: ctx.user.id,
      filter: "all",
      limit: 50,
    });
    expect(rows.rows.find((r) => r.id === a.id)?.labelIds).toEqual([refund.data.id]);
    expect(await events(a.id)).toEqual([{ kind: "labeled", body: "Refund" }]);

    await labelConversation(ctx, { conversationId: a.id, labelId: refund.data.id, on: false });
    expect(await list("all", { labelId: refund.data.id })).toEqual([]);
  });

  it("sorts and filters by priority, paging through the order", async () => {
    const urgent = await newConversation();
    const low = await newConversation();
    await prioritize(ctx, { conversationId: urgent.id, priority: "urgent" });
    await prioritize(ctx, { conversationId: low.id, priority: "low" });
    expect(await list("all", { priority: "urgent" })).toEqual([urgent.id]);
    const sorted = await list("all", { sort: "priority" });
    expect(sorted.indexOf(urgent.id)).toBe(0);
    expect(sorted.indexOf(low.id)).toBe(1);
    // One row a page still walks the whole list in the same order.
    const seen: string[] = [];
    let after:
      | { at: string; id: string; p?: "none" | "low" | "medium" | "high" | "urgent" }
      | undefined;
    for (;;) {
      const page = await listInbox(handle.db, {
        workspaceId: shop.workspaceId,
        userId: ctx.user.id,
        filter: "all",
        sort: "priority",
        limit: 1,
        after,
      });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(sorted);
    expect(await events(urgent.id)).toEqual([{ kind: "prioritized", body: "urgent" }]);
  });

  it("snoozes out of the open list until the time passes, then the poller records the wake-up", async () => {
    const c = await newConversation();
    const until = new Date(Date.now() + HOUR);
    expect(await snooze(ctx, { conversationId: c.id, until: until.toISOString() })).toEqual({
      ok: true,
      data: { changed: true },
    });
    expect(await list("all")).not.toContain(c.id);
    expect(await list("snoozed")).toContain(c.id);
    // Not yet due: nothing woken.
    await wakeSnoozed(handle.db, { now: new Date(), limit: 500 });
    expect(await list("snoozed")).toContain(c.id);
    // The time passes.
    await handle.db
      .update(conversations)
      .set({ snoozedUntil: new Date(Date.now() - 1000) })
      .where(eq(conversations.id, c.id));
    expect(await list("all")).toContain(c.id);
    expect(await wakeSnoozed(handle.db, { now: new Date(), limit: 500 })).toBeGreaterThanOrEqual(1);
    const [row] = await handle.db
      .select({ snoozedUntil: conversations.snoozedUntil })
      .from(conversations)
      .where(eq(conversations.id, c.id));
    expect(row?.snoozedUntil).toBeNull();
    expect(
      (await events(c.id)).map((e) => `${e.kind}:${e.body === "time" ? "time" : "at"}`),
    ).toEqual(["snoozed:at", "unsnoozed:time"]);
    // A past time, or one over a year away, is refused with a sentence.
    for (const when of [Date.now() - HOUR, Date.now() + 400 * 24 * HOUR]) {
      const parsed = snoozeInput.safeParse({
        conversationId: c.id,
        until: new Date(when).toISOString(),
      });
      expect(parsed.error?.issues[0]?.message).toBe("Choose a time in the future, within a year.");
    }
  });

  it("wakes a snoozed conversation when the customer writes, on every storage path", async () => {
    const at = new Date();
    const row = (waMessageId: string) => ({
      workspaceId: shop.workspaceId,
      channelId: shop.channelId,
      waMessageId,
      contextWaMessageId: null,
      type: "text",
      text: "Any news?",
      media: null,
      payload: {},
      at,
      preview: "Any news?",
    });
    const wamid = () => `wamid.${randomBytes(10).toString("hex")}`;
    const snoozed = async () => {
      const c = await newConversation(shop, "Writer");
      await snooze(ctx, {
        conversationId: c.id,
        until: new Date(Date.now() + 24 * HOUR).toISOString(),
      });
      return c;
    };
    const stillSnoozed = async (id: string) => (await list("snoozed")).includes(id);

    const one = await snoozed();
    await insertInboundMessage(handle.db, { ...row(wamid()), conversationId: one.id });
    const batch = await snoozed();
    await insertInboundMessages(handle.db, {
      workspaceId: shop.workspaceId,
      channelId: shop.channelId,
      rows: [{ ...row(wamid()), conversationId: batch.id }],
    });
    phones += 1;
    const waId = `35199${String(phones).padStart(7, "0")}`;
    const first = await storeSingleInbound(handle.db, {
      ...row(wamid()),
      waId,
      name: "Single",
      phoneNumberId: shop.phoneNumberId,
      wabaId: null,
      delivery: {},
    });
    if (!first) throw new Error("not stored");
    await snooze(ctx, {
      conversationId: first.conversationId,
      until: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(await stillSnoozed(first.conversationId)).toBe(true);
    await storeSingleInbound(handle.db, {
      ...row(wamid()),
      waId,
      name: "Single",
      phoneNumberId: shop.phoneNumberId,
      wabaId: null,
      delivery: {},
    });

    for (const id of [one.id, batch.id, first.conversationId]) {
      expect(await stillSnoozed(id)).toBe(false);
      expect(await list("all")).toContain(id);
      expect((await events(id)).at(-1)).toEqual({ kind: "unsnoozed", body: "message" });
    }
  });

  it("closes, assigns and labels in bulk within the workspace only", async () => {
    const mine = [await newConversation(), await newConversation(), await newConversation()];
    const theirs = await newConversation(other);
    const ids = [...mine.map((c) => c.id), theirs.id];
    // Already closed: counted as such.
    await bulkAct(ctx, { conversationIds: [mine[0]?.id ?? ""], action: { kind: "close" } });
    expect(await bulkAct(ctx, { conversationIds: ids, action: { kind: "close" } })).toEqual({
      ok: true,
      data: { changed: 2, unchanged: 1, missing: 1 },
    });
    const states = await handle.db
      .select({ id: conversations.id, status: conversations.status })
      .from(conversations)
      .where(eq(conversations.workspaceId, other.workspaceId));
    expect(states.find((s) => s.id === theirs.id)?.status).not.toBe("closed");
    for (const c of mine) expect(await list("closed")).toContain(c.id);

    expect(
      await bulkAct(ctx, {
        conversationIds: ids,
        action: { kind: "assign", assigneeId: ctx.user.id },
      }),
    ).toEqual({ ok: true, data: { changed: 3, unchanged: 0, missing: 1 } });
    // Assigning to someone outside the workspace is refused as a whole.
    expect(
      await bulkAct(ctx, {
        conversationIds: ids,
        action: { kind: "assign", assigneeId: otherCtx.user.id },
      }),
    ).toMatchObject({ ok: false, code: "invalid" });

    const label = await createLabel(ctx, { name: "Bulk", color: "teal" });
    if (!label.ok) throw new Error("no label");
    expect(
      await bulkAct(ctx, {
        conversationIds: ids,
        action: { kind: "label", labelId: label.data.id },
      }),
    ).toEqual({ ok: true, data: { changed: 3, unchanged: 0, missing: 1 } });
    const closedEvents = await handle.db
      .select({ id: conversationEvents.id })
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, theirs.id),
          eq(conversationEvents.kind, "closed"),
        ),
      );
    expect(closedEvents).toEqual([]);
  });
});
