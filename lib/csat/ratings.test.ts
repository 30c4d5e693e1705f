import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csatFigures } from "@/db/queries/analytics/csat";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { recordRating } from "@/db/queries/csat";
import { addMembership } from "@/db/queries/memberships";
import { conversationEvents, conversations, csatRequests, workspaces } from "@/db/schema";
import { inlineRunner } from "@/inngest/dispatch";
import type { SessionUser } from "@/lib/auth/session";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import type { Language } from "@/lib/bot/languages";
import { DEFAULT_SYSTEM_MESSAGES } from "@/lib/bot/system-messages";
import { bulkAct } from "@/lib/inbox/inbox-tools";
import { assignConversation, closeConversation } from "@/lib/inbox/work-conversation";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import {
  DEFAULT_RATING_QUESTION,
  RATING_THANKS,
  RATING_TITLES,
  ratingButtonId,
} from "./rating-buttons";

let phones = 0;
const phone = () => `3519${String(Date.now()).slice(-6)}${String(++phones).padStart(2, "0")}`;
const DAY = 24 * 60 * 60 * 1000;

/** The send jobs a close queued (dispatched on the next turn of the event loop) have finished. */
async function settle() {
  await new Promise((resolve) => setImmediate(resolve));
  await inlineRunner().idle();
}

// The whole path: a person closes in the inbox, the request goes out through the send job to the
// Graph API emulator, the customer's tap arrives as a signed webhook and runs the reply job.
describe.each(testDatabaseKinds)("customer ratings on %s", (kind) => {
  let h: ReplyHarness;
  let ws: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  let other: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  let ana: SessionUser;
  let ben: SessionUser;
  let anaCtx: WorkspaceContext;
  let benCtx: WorkspaceContext;
  let otherCtx: WorkspaceContext;

  async function member(shop: { workspaceId: string }, user: SessionUser) {
    await addMembership(h.db, { workspaceId: shop.workspaceId, userId: user.id, role: "agent" });
    const [row] = await h.db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, shop.workspaceId));
    return contextAs(h.db, user, row?.slug ?? "", "conversations.work");
  }

  beforeAll(async () => {
    h = await startReplyHarness(kind);
    ws = await h.workspace("Rated Shop", { bot: { csatEnabled: true } });
    other = await h.workspace("Other Shop", { bot: { csatEnabled: true } });
    ana = await seedUser(h.db, "ana");
    ben = await seedUser(h.db, "ben");
    anaCtx = await member(ws, ana);
    benCtx = await member(ws, ben);
    otherCtx = await member(other, await seedUser(h.db, "olga"));
  });
  afterAll(() => h.close());

  const sendsTo = (waId: string) =>
    h.sends().filter((c) => (c.body as { to?: string }).to === `+${waId}`);
  const ratingRequests = (waId: string) =>
    sendsTo(waId).filter((c) => (c.body as { type?: string }).type === "interactive");
  const requestsOf = (conversationId: string) =>
    h.db.select().from(csatRequests).where(eq(csatRequests.conversationId, conversationId));
  const eventsOf = (conversationId: string, kind: "rated" | "rating_not_sent") =>
    h.db
      .select()
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, conversationId),
          eq(conversationEvents.kind, kind),
        ),
      );

  /** A customer who wrote (the bot answered), in the shop's inbox. */
  async function customer(shop = ws, says = "hello") {
    const waId = phone();
    await h.says(shop, waId, says);
    const t = await h.thread(shop.workspaceId, waId);
    if (!t.conversation) throw new Error("no conversation");
    return { waId, conversationId: t.conversation.id };
  }

  async function tap(
    shop: typeof ws,
    waId: string,
    requestId: string,
    score: 1 | 2 | 3,
    language: Language = "en",
  ) {
    const m = h.messageFrom(shop, waId, "interactive", {
      context: { from: shop.phoneNumberId, id: "wamid.request" },
      interactive: {
        type: "button_reply",
        button_reply: {
          id: ratingButtonId(requestId, score),
          title: RATING_TITLES[language][3 - score],
        },
      },
    });
    expect(await h.deliver(m.payload)).toBe(200);
  }

  it("asks once when a person closes inside the window, whatever repeats the close", async () => {
    const c = await customer();
    await assignConversation(anaCtx, { conversationId: c.conversationId, assigneeId: ana.id });
    expect(await closeConversation(benCtx, { conversationId: c.conversationId })).toMatchObject({
      ok: true,
      data: { changed: true },
    });
    await closeConversation(benCtx, { conversationId: c.conversationId });
    await bulkAct(anaCtx, { conversationIds: [c.conversationId], action: { kind: "close" } });
    await settle();

    const sent = ratingRequests(c.waId);
    expect(sent).toHaveLength(1);
    const [request] = await requestsOf(c.conversationId);
    expect(request).toMatchObject({ agentId: ana.id, closedBy: ben.id, skipReason: null });
    expect(sent[0]?.body).toMatchObject({
      interactive: {
        type: "button",
        body: { text: DEFAULT_RATING_QUESTION },
        action: {
          buttons: [
            { type: "reply", reply: { id: ratingButtonId(request?.id ?? "", 3), title: "Great" } },
            { type: "reply", reply: { id: ratingButtonId(request?.id ?? "", 2), title: "OK" } },
            { type: "reply", reply: { id: ratingButtonId(request?.id ?? "", 1), title: "Poor" } },
          ],
        },
      },
    });
  });

  it("bulk close asks each customer, with the owner's question", async () => {
    await upsertBotSettings(h.db, { workspaceId: ws.workspaceId, csatQuestion: "Rate us?" });
    const a = await customer();
    const b = await customer();
    const outcome = await bulkAct(anaCtx, {
      conversationIds: [a.conversationId, b.conversationId],
      action: { kind: "close" },
    });
    expect(outcome).toMatchObject({ ok: true, data: { changed: 2 } });
    await settle();
    for (const c of [a, b]) {
      expect(ratingRequests(c.waId)).toHaveLength(1);
      expect(ratingRequests(c.waId)[0]?.body).toMatchObject({
        interactive: { body: { text: "Rate us?" } },
      });
    }
    await upsertBotSettings(h.db, { workspaceId: ws.workspaceId, csatQuestion: null });
  });

  it("sends nothing outside the 24-hour window and records why", async () => {
    const c = await customer();
    await h.db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - DAY - 60_000) })
      .where(eq(conversations.id, c.conversationId));
    await closeConversation(anaCtx, { conversationId: c.conversationId });
    await settle();
    expect(ratingRequests(c.waId)).toHaveLength(0);
    expect(await requestsOf(c.conversationId)).toMatchObject([
      { skipReason: "window_closed", messageId: null, agentId: ana.id },
    ]);
    expect(await eventsOf(c.conversationId, "rating_not_sent")).toMatchObject([
      { body: "window_closed" },
    ]);
  });

  it("asks nothing while the setting is off", async () => {
    await upsertBotSettings(h.db, { workspaceId: ws.workspaceId, csatEnabled: false });
    const c = await customer();
    await closeConversation(anaCtx, { conversationId: c.conversationId });
    await settle();
    expect(ratingRequests(c.waId)).toHaveLength(0);
    expect(await requestsOf(c.conversationId)).toHaveLength(0);
    await upsertBotSettings(h.db, { workspaceId: ws.workspaceId, csatEnabled: true });
  });

  it("records the first tap, thanks once, and leaves the conversation closed", async () => {
    const c = await customer();
    await closeConversation(benCtx, { conversationId: c.conversationId });
    await settle();
    const [request] = await requestsOf(c.conversationId);
    if (!request) throw new Error("no request");
    const before = sendsTo(c.waId).length;

    await tap(ws, c.waId, request.id, 2);
    await tap(ws, c.waId, request.id, 3);

    const [rated] = await requestsOf(c.conversationId);
    expect(rated).toMatchObject({ score: 2, agentId: ben.id });
    expect(await eventsOf(c.conversationId, "rated")).toMatchObject([{ body: "2" }]);
    const after = sendsTo(c.waId).slice(before);
    expect(after.map((s) => (s.body as { text?: { body?: string } }).text?.body)).toEqual([
      RATING_THANKS,
    ]);
    const t = await h.thread(ws.workspaceId, c.waId);
    expect(t.conversation).toMatchObject({ status: "closed", needsHuman: false, unreadCount: 0 });
    expect(t.inbound.slice(-2).map((m) => m.replyState)).toEqual(["skipped", "skipped"]);
    expect(await h.escalationsOf(ws.workspaceId)).toHaveLength(0);
  });

  it("keeps the conversation closed when taps arrive together in one delivery", async () => {
    const c = await customer();
    await closeConversation(anaCtx, { conversationId: c.conversationId });
    await settle();
    const [request] = await requestsOf(c.conversationId);
    if (!request) throw new Error("no request");
    const taps = ([3, 1] as const).map((score) =>
      inbound({ phone: c.waId, name: "Customer" }, "interactive", {
        context: { from: ws.phoneNumberId, id: "wamid.request" },
        interactive: {
          type: "button_reply",
          button_reply: { id: ratingButtonId(request.id, score), title: String(score) },
        },
      }),
    );
    const payload = envelope({
      wabaId: "1",
      changes: [
        messagesChange(ws.phoneNumberId, {
          contacts: [contact({ phone: c.waId })],
          messages: taps,
        }),
      ],
    });
    expect(await h.deliver(payload)).toBe(200);
    expect((await requestsOf(c.conversationId))[0]?.score).toBe(3);
    const t = await h.thread(ws.workspaceId, c.waId);
    expect(t.conversation).toMatchObject({ status: "closed", unreadCount: 0 });
    // The customer writes again: that reopens it for the bot, as any message does.
    await h.says(ws, c.waId, "one more thing");
    expect((await h.thread(ws.workspaceId, c.waId)).conversation?.status).toBe("bot");
  });

  it("never records a tap against another workspace's request", async () => {
    const theirs = await customer(other);
    await closeConversation(otherCtx, { conversationId: theirs.conversationId });
    await settle();
    const [request] = await requestsOf(theirs.conversationId);
    if (!request) throw new Error("no request");
    const mine = await customer();
    await tap(ws, mine.waId, request.id, 1);
    expect((await requestsOf(theirs.conversationId))[0]?.score).toBeNull();
    expect(
      await recordRating(h.db, {
        workspaceId: ws.workspaceId,
        conversationId: theirs.conversationId,
        requestId: request.id,
        score: 1,
        messageId: request.messageId ?? "",
      }),
    ).toBe("unknown_request");
  });

  it("counts good ratings, ratings and response rate overall and per agent", async () => {
    const range = {
      workspaceId: ws.workspaceId,
      from: new Date(Date.now() - DAY),
      to: new Date(),
      timeZone: "UTC",
    };
    const figures = await csatFigures(h.db, range);
    // Sent: 1 (assigned to Ana) + 2 (bulk, Ana) + 1 (Ben) + 1 (Ana, the taps in one delivery);
    // the isolation test's customer has none. Rated: Ben's "OK" and the "Great" for Ana. Not
    // sent: the one outside the window.
    expect(figures).toMatchObject({ asked: 5, rated: 2, good: 1, goodShare: 0.5, notSent: 1 });
    expect(figures.responseRate).toBeCloseTo(0.4);
    expect(figures.byScore).toEqual([
      { score: 3, count: 1 },
      { score: 2, count: 1 },
      { score: 1, count: 0 },
    ]);
    const byAgent = new Map(figures.byAgent.map((a) => [a.agentId, a]));
    expect(byAgent.get(ana.id)).toMatchObject({ asked: 4, rated: 1, good: 1, goodShare: 1 });
    expect(byAgent.get(ana.id)?.responseRate).toBeCloseTo(0.25);
    expect(byAgent.get(ben.id)).toMatchObject({ asked: 1, rated: 1, good: 0, goodShare: 0 });
    expect(byAgent.get(ben.id)?.responseRate).toBe(1);
    const theirs = await csatFigures(h.db, { ...range, workspaceId: other.workspaceId });
    expect(theirs).toMatchObject({ asked: 1, rated: 0 });
  });

  it("asks in the language the customer wrote in, and thanks in the language tapped", async () => {
    const c = await customer(ws, "Hola, ¿a qué hora abrís mañana por la tarde?");
    await closeConversation(anaCtx, { conversationId: c.conversationId });
    await settle();
    const [request] = await requestsOf(c.conversationId);
    if (!request) throw new Error("no request");
    expect(ratingRequests(c.waId)[0]?.body).toMatchObject({
      interactive: {
        body: { text: DEFAULT_SYSTEM_MESSAGES.es.ratingQuestion },
        action: {
          buttons: [
            { reply: { id: ratingButtonId(request.id, 3), title: "Excelente" } },
            { reply: { id: ratingButtonId(request.id, 2), title: "Regular" } },
            { reply: { id: ratingButtonId(request.id, 1), title: "Mal" } },
          ],
        },
      },
    });
    const before = sendsTo(c.waId).length;
    await tap(ws, c.waId, request.id, 3, "es");
    expect(
      sendsTo(c.waId)
        .slice(before)
        .map((s) => (s.body as { text?: { body?: string } }).text?.body),
    ).toEqual(["¡Gracias por tu valoración!"]);
  });

  it("uses the owner's wording for a language over Parley's", async () => {
    await upsertBotSettings(h.db, {
      workspaceId: ws.workspaceId,
      systemMessages: { sw: { ratingQuestion: "Tupe alama, tafadhali!" } },
    });
    const c = await customer(ws, "Habari, duka lenu liko wapi na mnafungua saa ngapi?");
    await closeConversation(anaCtx, { conversationId: c.conversationId });
    await settle();
    expect(ratingRequests(c.waId)[0]?.body).toMatchObject({
      interactive: {
        body: { text: "Tupe alama, tafadhali!" },
        action: { buttons: [{ reply: { title: "Vizuri sana" } }, {}, {}] },
      },
    });
    await upsertBotSettings(h.db, { workspaceId: ws.workspaceId, systemMessages: null });
  });
});
