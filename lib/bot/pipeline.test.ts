import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getLatestEscalationAlert } from "@/db/queries/inbox-thread";
import { channels, conversationEvents, conversations, faqs, messages } from "@/db/schema";
import { MAX_SENDS_PER_BOT_RUN } from "@/inngest/flow-control";
import { getReplyDeps } from "@/lib/bot/deps";
import * as pipeline from "@/lib/bot/pipeline";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { startSmtpCapture } from "@/lib/testing/smtp-capture";
import { contact, envelope, inbound, messagesChange, status } from "@/lib/testing/webhook-payloads";
import { SYSTEM_TEXT } from "./decide";

const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9-18.",
  keywords: ["hours", "open"],
  priority: 1,
};
const DELIVERY_FAQ = {
  question: "How much does delivery cost?",
  answer: "Delivery is free over 50 EUR.",
  keywords: ["delivery", "shipping"],
};

let phoneCounter = 0;
const phone = () => `2547${String(Date.now()).slice(-6)}${String(++phoneCounter).padStart(2, "0")}`;

// Through the inline driver, with real HTTP to the Graph emulator and to OpenAI-compatible stubs.

/** Each FAQ entry's hit count, by question. */
async function hits(db: ReplyHarness["db"], workspaceId: string) {
  const rows = await db
    .select({ question: faqs.question, hits: faqs.hitCount })
    .from(faqs)
    .where(eq(faqs.workspaceId, workspaceId));
  return Object.fromEntries(rows.filter((r) => r.hits > 0).map((r) => [r.question, r.hits]));
}

describe.each(testDatabaseKinds)("Reply pipeline on %s", (kind) => {
  let h: ReplyHarness;
  beforeAll(async () => {
    h = await startReplyHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.faults.length = 0;
    h.ai1.set({ kind: "answer", text: "Answer from provider one" });
    h.ai2.set({ kind: "answer", text: "Answer from provider two" });
  });

  it("answers from the FAQ with the workspace's token, marks read with typing first", async () => {
    const ws = await h.workspace("FAQ Shop", {
      token: "EAAG-faq-shop-token-0123456789",
      faqs: [HOURS_FAQ],
    });
    const customer = phone();
    const before = h.calls.length;
    const { msg } = await h.says(ws, customer, "when are you OPEN??");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]).toMatchObject({
      text: HOURS_FAQ.answer,
      source: "faq",
      status: "sent",
      replyToId: t.inbound[0]?.id,
    });
    expect(t.outbound[0]?.waMessageId).toMatch(/^wamid\./);
    expect(t.outbound[0]?.faqId).not.toBeNull();
    expect(t.inbound[0]?.replyState).toBe("handled");
    expect(await hits(h.db, ws.workspaceId)).toEqual({ [HOURS_FAQ.question]: 1 });
    const mine = h.calls.slice(before);
    expect(mine[0]?.body).toMatchObject({
      status: "read",
      message_id: msg.id,
      typing_indicator: { type: "text" },
    });
    expect(mine.every((c) => c.authorization === "Bearer EAAG-faq-shop-token-0123456789")).toBe(
      true,
    );
  });

  it("a redelivered webhook gives one reply", async () => {
    const ws = await h.workspace("Redelivery Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const m = h.messageFrom(ws, customer, "text", { text: { body: "opening hours?" } });
    await h.deliver(m.payload);
    await h.deliver(m.payload);
    await h.deliver(m.payload);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.inbound).toHaveLength(1);
    expect(t.outbound).toHaveLength(1);
  });

  it("two Graph 500s then success give one reply", async () => {
    const ws = await h.workspace("Flaky Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const error = {
      error: { message: "Unknown error", type: "OAuthException", code: 1, fbtrace_id: "x" },
    };
    h.faults.push({ status: 500, body: error }, { status: 500, body: error });
    const before = h.sends().length;
    await h.says(ws, customer, "what are your hours");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]?.status).toBe("sent");
    expect(h.sends().length - before).toBe(3);
  });

  it("131047 is not retried and flags the conversation for a person", async () => {
    const ws = await h.workspace("Late Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    h.faults.push({
      status: 400,
      body: { error: { message: "Re-engagement message", code: 131047, fbtrace_id: "y" } },
    });
    const before = h.sends().length;
    await h.says(ws, customer, "opening hours");
    expect(h.sends().length - before).toBe(1);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound[0]).toMatchObject({ status: "failed", errorCode: 131047 });
    expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "window_closed" });
  });

  it("a failed status webhook with 131047 flags the conversation too", async () => {
    const ws = await h.workspace("Status Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.says(ws, customer, "opening hours");
    const sent = (await h.thread(ws.workspaceId, customer)).outbound[0];
    await h.deliver(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(ws.phoneNumberId, {
            statuses: [
              status(sent?.waMessageId ?? "", "failed", new Date(), {
                code: 131047,
                details: "Re-engagement message",
              }),
            ],
          }),
        ],
      }),
    );
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound[0]).toMatchObject({ status: "failed", errorCode: 131047 });
    expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "window_closed" });
  });

  it("answers with AI when no FAQ matches, with model, tokens, cost and the FAQ as grounding", async () => {
    const ws = await h.workspace("AI Shop", {
      faqs: [HOURS_FAQ, DELIVERY_FAQ],
      bot: { systemPrompt: "You sell bicycles in Lisbon.", tone: "warm", maxReplyLength: 300 },
    });
    const customer = phone();
    await h.says(ws, customer, "hello, do you also fix bicycles?");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]).toMatchObject({
      text: "Answer from provider one",
      source: "ai",
      aiModel: "gpt-4o-mini",
    });
    expect(t.outbound[0]?.promptTokens).toBeGreaterThan(0);
    expect(t.outbound[0]?.costMicros).toBeGreaterThan(0);
    const request = h.ai1.requests.at(-1);
    expect(request?.authorization).toBe("Bearer sk-one");
    const system = request?.body.messages[0]?.content ?? "";
    expect(system).toContain("You sell bicycles in Lisbon.");
    expect(system).toContain("Tone: warm.");
    expect(system).toContain("under 300 characters");
    expect(request?.body.messages.at(-1)).toEqual({
      role: "user",
      content: "hello, do you also fix bicycles?",
    });
  });

  it("keeps a 65,536-character message whole, while the FAQ and the AI read its first 2,000", async () => {
    const ws = await h.workspace("Long Message Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const long = `${"I bought a blue bicycle from you last year and ".repeat(1_400)}`.slice(
      0,
      65_536,
    );
    await h.says(ws, customer, long);
    await h.says(ws, customer, "and do you fix bicycles?");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.inbound[0]?.text).toBe(long);
    expect(t.outbound.map((m) => m.source)).toEqual(["ai", "ai"]);
    const [first, second] = h.ai1.requests.slice(-2);
    const read = first?.body.messages.at(-1)?.content ?? "";
    expect(read.length).toBeLessThanOrEqual(2_000);
    expect(read.length).toBeGreaterThan(1_900);
    expect(read.endsWith("…")).toBe(true);
    expect(long.startsWith(read.slice(0, -1))).toBe(true);
    // An earlier long turn is read the same way when it becomes history.
    const history = second?.body.messages.slice(1, -1) ?? [];
    expect(history[0]).toEqual({ role: "user", content: read });
  });

  it("provider one down uses provider two", async () => {
    const ws = await h.workspace("Fallback AI Shop");
    const customer = phone();
    h.ai1.set({ kind: "error", status: 503 });
    await h.says(ws, customer, "do you sell helmets for kids?");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]).toMatchObject({
      text: "Answer from provider two",
      source: "ai",
      aiModel: "gpt-4.1-mini",
    });
  });

  it("all providers down (one hangs past its timeout) gives the fallback message and an escalation", async () => {
    const ws = await h.workspace("No AI Shop", { bot: { escalationPhone: "+254700999888" } });
    const customer = phone();
    h.ai1.set({ kind: "hang" });
    h.ai2.set({ kind: "error", status: 500 });
    await h.says(ws, customer, "can I rent a cargo bike?");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]).toMatchObject({
      source: "system",
      text: "Sorry, I can't answer that yet. A person will get back to you.",
    });
    expect(t.conversation).toMatchObject({
      needsHuman: true,
      handoffReason: "unanswered",
      status: "bot",
    });
    const [escalation] = await h.escalationsOf(ws.workspaceId);
    expect(escalation).toMatchObject({ reason: "unanswered" });
    // No alert template is chosen: the escalation contact gets no WhatsApp (free text would be
    // refused outside their 24-hour window), and the reason is kept on the escalation.
    expect(h.sends().filter((c) => (c.body as { to?: string }).to === "+254700999888")).toEqual([]);
    expect(escalation).toMatchObject({
      whatsappNotifiedAt: null,
      alertWaMessageId: null,
      alertStatus: null,
      notifyError: expect.stringContaining("no approved alert template is chosen"),
    });
  });

  it("alerts the escalation contact with the chosen approved template, never free text", async () => {
    const ws = await h.workspace("Template Alert Shop", {
      bot: { escalationPhone: "+254700999777" },
    });
    const created = await h.createParleyAlertTemplate(ws);
    expect(created).toMatchObject({ status: "APPROVED", category: "UTILITY" });
    await h.chooseAlertTemplate(ws, { name: "parley_staff_alert", language: "en" });
    const customer = phone();
    await h.says(ws, customer, "I want to talk to a human\nabout my  order");
    const [escalation] = await h.escalationsOf(ws.workspaceId);
    const alerts = h.sends().filter((c) => (c.body as { to?: string }).to === "+254700999777");
    expect(alerts.map((c) => c.body)).toEqual([
      {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "+254700999777",
        type: "template",
        template: {
          name: "parley_staff_alert",
          language: { code: "en" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Template Alert Shop" },
                { type: "text", text: "the customer asked for a person" },
                { type: "text", text: `Customer +${customer}` },
                // WhatsApp refuses line breaks and runs of spaces in a parameter.
                { type: "text", text: "I want to talk to a human about my order" },
              ],
            },
          ],
        },
        biz_opaque_callback_data: `e:${escalation?.id}`,
      },
    ]);
    expect(escalation).toMatchObject({
      reason: "requested",
      alertWaMessageId: expect.stringMatching(/^wamid\./),
      alertStatus: "sent",
      alertStatusAt: expect.any(Date),
      // Delivered is WhatsApp's to say, through the status webhook; accepted is not delivered.
      whatsappNotifiedAt: null,
      notifyError: null,
    });
    // The inbox reads it as sent, not yet delivered.
    const t = await h.thread(ws.workspaceId, customer);
    expect(
      await getLatestEscalationAlert(h.db, {
        workspaceId: ws.workspaceId,
        conversationId: t.conversation?.id ?? "",
      }),
    ).toMatchObject({ alertSent: true, alertStatus: "sent", whatsappDeliveredAt: null });
  });

  it("one run sends at most the messages the per-number throttle allows for", async () => {
    // The most one run sends: a welcome, the fallback answer, and the staff alert it calls for.
    const ws = await h.workspace("Busiest Run Shop", {
      bot: {
        aiEnabled: false,
        welcomeMessage: "Welcome to the shop!",
        escalationPhone: "+254700999111",
      },
    });
    await h.createParleyAlertTemplate(ws);
    await h.chooseAlertTemplate(ws, { name: "parley_staff_alert", language: "en" });
    const before = h.sends().length;
    await h.says(ws, phone(), "do you buy old vinyl records?");
    const sent = h.sends().slice(before);
    expect(sent).toHaveLength(3);
    expect(sent.length).toBeLessThanOrEqual(MAX_SENDS_PER_BOT_RUN);
  });

  it("a chosen template still waiting for approval sends nothing and says why", async () => {
    const ws = await h.workspace("Pending Alert Shop", {
      bot: { escalationPhone: "+254700999666" },
    });
    await h.createParleyAlertTemplate(ws, { reviewMs: 60_000 });
    await h.chooseAlertTemplate(ws, { name: "parley_staff_alert", language: "en" });
    await h.says(ws, phone(), "I need to speak to a human");
    expect(h.sends().filter((c) => (c.body as { to?: string }).to === "+254700999666")).toEqual([]);
    const [escalation] = await h.escalationsOf(ws.workspaceId);
    expect(escalation?.notifyError).toBe(
      "WhatsApp alert not sent: the template “parley_staff_alert” (en) is still waiting for WhatsApp's approval",
    );
    expect(escalation?.alertWaMessageId).toBeNull();
  });

  it("a template WhatsApp refuses at send time records Meta's error, not a delivery", async () => {
    const ws = await h.workspace("Refused Alert Shop", {
      bot: { escalationPhone: "+254700999555" },
    });
    await h.createParleyAlertTemplate(ws);
    await h.chooseAlertTemplate(ws, { name: "parley_staff_alert", language: "en" });
    const customer = phone();
    h.failSendsTo("+254700999555", {
      status: 400,
      body: { error: { message: "Template paused", code: 132015, type: "OAuthException" } },
    });
    await h.says(ws, customer, "I need to speak to a human");
    const [escalation] = await h.escalationsOf(ws.workspaceId);
    expect(escalation).toMatchObject({
      alertWaMessageId: null,
      alertStatus: null,
      whatsappNotifiedAt: null,
      notifyError: "WhatsApp: Template paused (132015)",
    });
  });

  it("with SMTP configured, the escalation contact also gets an e-mail", async () => {
    const capture = await startSmtpCapture();
    const mails = capture.mails;
    h.useSmtp(capture.smtp);
    try {
      const ws = await h.workspace("Mail Shop", {
        bot: { escalationEmail: "owner@mail-shop.test" },
      });
      await h.says(ws, phone(), "I need to speak to a human");
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual(["owner@mail-shop.test"]);
      expect(mails[0]?.raw).toContain("Subject: Mail Shop: a conversation needs a person");
      const [escalation] = await h.escalationsOf(ws.workspaceId);
      expect(escalation?.emailNotifiedAt).not.toBeNull();
      expect(escalation?.notifyError).toBeNull();
    } finally {
      h.useSmtp(null);
      await capture.close();
    }
  });

  it("without an alert template, the e-mail still goes and the WhatsApp alert is not attempted", async () => {
    const capture = await startSmtpCapture();
    h.useSmtp(capture.smtp);
    try {
      const ws = await h.workspace("Mail Only Shop", {
        bot: { escalationEmail: "owner@mail-only.test", escalationPhone: "+254700999444" },
      });
      await h.says(ws, phone(), "I need to speak to a human");
      expect(capture.mails.map((m) => m.to)).toEqual([["owner@mail-only.test"]]);
      expect(h.sends().filter((c) => (c.body as { to?: string }).to === "+254700999444")).toEqual(
        [],
      );
      const [escalation] = await h.escalationsOf(ws.workspaceId);
      expect(escalation).toMatchObject({
        emailNotifiedAt: expect.any(Date),
        whatsappNotifiedAt: null,
        alertWaMessageId: null,
        notifyError:
          "WhatsApp alert not sent: no approved alert template is chosen in bot settings, and WhatsApp only lets a business write first with one",
      });
    } finally {
      h.useSmtp(null);
      await capture.close();
    }
  });

  it("two tenants' messages go out with their own tokens and never cross", async () => {
    const a = await h.workspace("Tenant A", {
      token: "EAAG-tenant-a-token-0123456789",
      faqs: [HOURS_FAQ],
    });
    const b = await h.workspace("Tenant B", {
      token: "EAAG-tenant-b-token-0123456789",
      faqs: [{ ...HOURS_FAQ, answer: "Tenant B opens at noon." }],
    });
    const before = h.calls.length;
    const ca = phone();
    const cb = phone();
    await Promise.all([h.says(a, ca, "opening hours?"), h.says(b, cb, "opening hours?")]);
    const mine = h.calls.slice(before);
    for (const call of mine) {
      const forA = call.path.includes(`/${a.phoneNumberId}/`);
      expect(call.authorization).toBe(
        forA ? "Bearer EAAG-tenant-a-token-0123456789" : "Bearer EAAG-tenant-b-token-0123456789",
      );
    }
    expect((await h.thread(a.workspaceId, ca)).outbound[0]?.text).toBe(HOURS_FAQ.answer);
    expect((await h.thread(b.workspaceId, cb)).outbound[0]?.text).toBe("Tenant B opens at noon.");
  });

  it("welcomes a new contact once, then answers", async () => {
    const ws = await h.workspace("Welcome Shop", {
      faqs: [HOURS_FAQ],
      bot: { welcomeMessage: "Welcome to the shop!" },
    });
    const customer = phone();
    await h.says(ws, customer, "opening hours");
    await h.says(ws, customer, "opening hours again");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([
      "Welcome to the shop!",
      HOURS_FAQ.answer,
      HOURS_FAQ.answer,
    ]);
  });

  it("STOP opts out with a confirmation, then silence; START opts back in", async () => {
    const ws = await h.workspace("Opt Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.says(ws, customer, "STOP");
    await h.says(ws, customer, "opening hours");
    let t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([SYSTEM_TEXT.optOut]);
    await h.says(ws, customer, "start");
    await h.says(ws, customer, "opening hours");
    t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([
      SYSTEM_TEXT.optOut,
      SYSTEM_TEXT.optIn,
      HOURS_FAQ.answer,
    ]);
  });

  it("records each opt-out and opt-in once in the conversation, for analytics", async () => {
    const ws = await h.workspace("Opt Count Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.says(ws, customer, "STOP");
    // STOP again while out: nothing changes, nothing is recorded.
    await h.says(ws, customer, "stop");
    const { msg } = await h.says(ws, customer, "START");
    const t = await h.thread(ws.workspaceId, customer);
    const conversationId = t.conversation?.id ?? "";
    // A retried step changes nothing either.
    const deps = await getReplyDeps();
    const [start] = t.inbound.filter((m) => m.waMessageId === msg.id);
    const ctx = await pipeline.contextOf(deps, {
      workspaceId: ws.workspaceId,
      messageId: start?.id ?? "",
    });
    if (!ctx) throw new Error("no context");
    await pipeline.applyOptOut(deps, { workspaceId: ws.workspaceId, messageId: "" }, ctx, false);
    const events = await h.db
      .select({ kind: conversationEvents.kind })
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, conversationId))
      .orderBy(asc(conversationEvents.createdAt));
    expect(events.map((e) => e.kind)).toEqual(["opted_out", "opted_in"]);
  });

  it("a template's stop-promotions quick reply opts out", async () => {
    const ws = await h.workspace("Template Opt Shop");
    const customer = phone();
    const m = h.messageFrom(ws, customer, "button", {
      button: { payload: "STOP_PROMOTIONS", text: "Stop promotions" },
    });
    await h.deliver(m.payload);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((x) => x.text)).toEqual([SYSTEM_TEXT.optOut]);
  });

  it("a hand-off keyword moves the conversation to a person and the bot stays silent", async () => {
    const ws = await h.workspace("Handoff Shop", {
      faqs: [HOURS_FAQ],
      bot: { escalationPhone: "+254700111222" },
    });
    const customer = phone();
    await h.says(ws, customer, "I want to talk to a HUMAN please");
    await h.says(ws, customer, "opening hours");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([SYSTEM_TEXT.handoff]);
    expect(t.conversation).toMatchObject({
      status: "human",
      needsHuman: true,
      handoffReason: "requested",
    });
    expect(t.inbound.map((m) => m.replyState)).toEqual(["skipped", "skipped"]);
    expect(await h.escalationsOf(ws.workspaceId)).toHaveLength(1);
  });

  it("a disabled bot stays silent", async () => {
    const ws = await h.workspace("Off Shop", { faqs: [HOURS_FAQ], bot: { enabled: false } });
    const customer = phone();
    await h.says(ws, customer, "opening hours");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(0);
    expect(t.inbound[0]?.replyState).toBe("skipped");
  });

  it("over the contact's daily limit: one notice, no AI call, an escalation", async () => {
    const ws = await h.workspace("Limit Shop", { bot: { maxMessagesPerUserPerDay: 1 } });
    const customer = phone();
    await h.says(ws, customer, "first question about bikes");
    const aiCalls = h.ai1.requests.length;
    await h.says(ws, customer, "second question about bikes");
    await h.says(ws, customer, "third question about bikes");
    expect(h.ai1.requests.length).toBe(aiCalls);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([
      "Answer from provider one",
      SYSTEM_TEXT.rateLimited,
    ]);
    expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "rate_limited" });
    expect((await h.escalationsOf(ws.workspaceId)).map((e) => e.reason)).toEqual(["rate_limited"]);
  });

  it("over the workspace's hourly limit: no answer, one notice", async () => {
    const ws = await h.workspace("Busy Shop", {
      faqs: [HOURS_FAQ],
      bot: { maxMessagesPerHour: 1 },
    });
    await h.says(ws, phone(), "opening hours");
    const second = phone();
    await h.says(ws, second, "opening hours");
    const t = await h.thread(ws.workspaceId, second);
    expect(t.outbound.map((m) => m.text)).toEqual([SYSTEM_TEXT.rateLimited]);
  });

  it("a burst of customers cannot pass the workspace's hourly limit together", async () => {
    const ws = await h.workspace("Burst Shop", {
      faqs: [HOURS_FAQ],
      bot: { maxMessagesPerHour: 3 },
    });
    const customers = Array.from({ length: 8 }, () => phone());
    await Promise.all(
      customers.map((c) =>
        h.deliver(h.messageFrom(ws, c, "text", { text: { body: "opening hours" } }).payload),
      ),
    );
    const threads = await Promise.all(customers.map((c) => h.thread(ws.workspaceId, c)));
    const answered = threads.filter((t) => t.outbound.some((m) => m.source === "faq"));
    expect(answered).toHaveLength(3);
    for (const t of threads.filter((x) => !answered.includes(x))) {
      expect(t.outbound.map((m) => m.text)).toEqual([SYSTEM_TEXT.rateLimited]);
    }
  });

  it("runs on several servers at once still claim at most the hourly limit", async () => {
    const ws = await h.workspace("Replica Shop", {
      faqs: [HOURS_FAQ],
      bot: { maxMessagesPerHour: 2 },
    });
    const deps = await getReplyDeps();
    // Messages stored but not yet answered, decided side by side as separate job runs would be.
    const stored = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { id: conversationId } = await seedConversation(h.db, ws, {
          waId: phone(),
          start: new Date(),
          count: 1,
        });
        await h.db
          .update(conversations)
          .set({ lastInboundAt: new Date() })
          .where(eq(conversations.id, conversationId));
        const [m] = await h.db
          .update(messages)
          .set({ replyState: "pending", text: "opening hours" })
          .where(eq(messages.conversationId, conversationId))
          .returning({ id: messages.id });
        return { workspaceId: ws.workspaceId, messageId: m?.id ?? "" };
      }),
    );
    const plans = await Promise.all(stored.map((t) => pipeline.planReply(deps, t)));
    const answers = plans.filter((p) => p.state === "plan" && p.decision.answer);
    expect(answers).toHaveLength(2);
    // Deciding again for the same message keeps its answer: the claim is per message.
    const again = await Promise.all(stored.map((t) => pipeline.planReply(deps, t)));
    expect(again.filter((p) => p.state === "plan" && p.decision.answer)).toHaveLength(2);
  });

  it("a customer's daily limit counts messages in the order they came, not the order jobs ran", async () => {
    const ws = await h.workspace("Chatty Shop", {
      faqs: [HOURS_FAQ],
      bot: { maxMessagesPerUserPerDay: 3 },
    });
    const customer = phone();
    const at = Date.now();
    const batch = envelope({
      wabaId: "1",
      changes: [
        messagesChange(ws.phoneNumberId, {
          contacts: [contact({ phone: customer })],
          messages: Array.from({ length: 5 }, (_, i) =>
            inbound(
              { phone: customer, name: "Customer" },
              "text",
              { text: { body: "opening hours" } },
              new Date(at + i),
            ),
          ),
        }),
      ],
    });
    await h.deliver(batch);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.filter((m) => m.source === "faq")).toHaveLength(3);
    expect(t.outbound.filter((m) => m.text === SYSTEM_TEXT.rateLimited)).toHaveLength(1);
  });

  it("unreadable types get one polite reply; reactions get none", async () => {
    const ws = await h.workspace("Media Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const audio = { id: "media-1", mime_type: "audio/ogg", voice: true };
    await h.deliver(h.messageFrom(ws, customer, "audio", { audio }).payload);
    await h.deliver(h.messageFrom(ws, customer, "audio", { audio }).payload);
    await h.deliver(
      h.messageFrom(ws, customer, "reaction", { reaction: { message_id: "wamid.X", emoji: "👍" } })
        .payload,
    );
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([SYSTEM_TEXT.unsupported]);
    // The note says a person will look, so the conversation waits for one, flagged once.
    expect(t.conversation?.needsHuman).toBe(true);
    expect(t.conversation?.handoffReason).toBe("unanswered");
    const flagged = await h.escalationsOf(ws.workspaceId);
    expect(flagged.map((e) => e.reason)).toEqual(["unanswered"]);
  });

  describe("outside business hours", () => {
    const WEEKDAYS_9_TO_6 = Object.fromEntries(
      ["1", "2", "3", "4", "5"].map((d) => [d, ["09:00-18:00"]]),
    );
    // The latest Sunday 20:30 in São Paulo (UTC-3, 23:30 UTC), before the messages are written
    // (they carry the real time, which WhatsApp's window is counted from); open Monday at 9:00.
    const sundayEvening = new Date();
    sundayEvening.setUTCDate(sundayEvening.getUTCDate() - sundayEvening.getUTCDay());
    sundayEvening.setUTCHours(23, 30, 0, 0);
    if (sundayEvening.getTime() > Date.now())
      sundayEvening.setUTCDate(sundayEvening.getUTCDate() - 7);
    const later = new Date(sundayEvening.getTime() + 40 * 60_000);
    const away = "We're closed right now. A person will be back tomorrow at 9:00.";
    const closedShop = (name: string, bot: Record<string, unknown> = {}) =>
      h.workspace(name, {
        faqs: [HOURS_FAQ, DELIVERY_FAQ],
        bot: {
          businessHours: WEEKDAYS_9_TO_6,
          timezone: "America/Sao_Paulo",
          awayMessage: "We're closed right now.",
          ...bot,
        },
      });
    afterAll(() => h.setClock(null));

    it("answers from the FAQ and adds the away note once; the next question gets the answer only", async () => {
      const ws = await closedShop("Sunday Shop");
      const customer = phone();
      h.setClock(sundayEvening);
      await h.says(ws, customer, "when are you open?");
      h.setClock(later);
      await h.says(ws, customer, "how much is delivery?");
      const t = await h.thread(ws.workspaceId, customer);
      expect(t.outbound.map((m) => [m.source, m.text])).toEqual([
        ["faq", HOURS_FAQ.answer],
        ["system", away],
        ["faq", DELIVERY_FAQ.answer],
      ]);
      expect(t.conversation).toMatchObject({ needsHuman: false, status: "bot" });
      expect(t.inbound.map((m) => m.replyState)).toEqual(["handled", "handled"]);
      // Each FAQ answer sent counts once, with or without the away note after it.
      expect(await hits(h.db, ws.workspaceId)).toEqual({
        [HOURS_FAQ.question]: 1,
        [DELIVERY_FAQ.question]: 1,
      });
    });

    it("a question it cannot answer gets the fallback and waits for the team, without an alert", async () => {
      const ws = await closedShop("Sunday Fallback Shop", {
        aiEnabled: false,
        escalationPhone: "+254700999888",
      });
      const customer = phone();
      h.setClock(sundayEvening);
      const before = h.sends().length;
      await h.says(ws, customer, "do you repair violins?");
      const t = await h.thread(ws.workspaceId, customer);
      expect(t.outbound.map((m) => m.text)).toEqual([
        "Sorry, I can't answer that yet. A person will get back to you.",
        away,
      ]);
      expect(t.conversation).toMatchObject({
        needsHuman: true,
        status: "bot",
        handoffReason: "outside_hours",
      });
      // Only the customer's two messages went out: nobody is alerted at night.
      expect(
        h
          .sends()
          .slice(before)
          .map((c) => (c.body as { to: string }).to),
      ).toEqual([`+${customer}`, `+${customer}`]);
      const flagged = await h.escalationsOf(ws.workspaceId);
      expect(flagged).toMatchObject([
        { reason: "outside_hours", alertStatus: null, notifyError: null, emailNotifiedAt: null },
      ]);
    });

    it("set to only say it's closed: the away note once and no answer", async () => {
      const ws = await closedShop("Closed Only Shop", { outsideHours: "closed_only" });
      const customer = phone();
      h.setClock(sundayEvening);
      await h.says(ws, customer, "when are you open?");
      h.setClock(later);
      await h.says(ws, customer, "hello?");
      const t = await h.thread(ws.workspaceId, customer);
      expect(t.outbound.map((m) => m.text)).toEqual([away]);
      expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "outside_hours" });
    });
  });

  it("a message older than the 24-hour window gets no free text and flags the conversation", async () => {
    const ws = await h.workspace("Old Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.says(ws, customer, "opening hours", new Date(Date.now() - 25 * 60 * 60 * 1000));
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(0);
    expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "window_closed" });
  });

  it("an invalid token (190) marks the channel for re-authorization and hands off", async () => {
    const ws = await h.workspace("Expired Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    h.faults.push({
      status: 401,
      body: { error: { message: "Invalid OAuth access token", code: 190 } },
    });
    await h.says(ws, customer, "opening hours");
    const [channel] = await h.db.select().from(channels).where(eq(channels.id, ws.channelId));
    expect(channel?.status).toBe("needs_reauth");
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.conversation).toMatchObject({
      needsHuman: true,
      handoffReason: "channel_unavailable",
    });
  });

  it("a send answered 133010 flags the number as not registered, without retrying, and hands off", async () => {
    const ws = await h.workspace("Unregistered Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    h.faults.push({
      status: 400,
      body: { error: { message: "(#133010) Account not registered", code: 133010 } },
    });
    const before = h.calls.length;
    await h.says(ws, customer, "opening hours");
    const [channel] = await h.db.select().from(channels).where(eq(channels.id, ws.channelId));
    expect(channel).toMatchObject({
      status: "pending",
      statusReason: "Not registered with WhatsApp Cloud API yet — replies can't be sent.",
    });
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]).toMatchObject({ status: "failed", errorCode: 133010 });
    expect(t.conversation).toMatchObject({
      needsHuman: true,
      handoffReason: "channel_unavailable",
    });
    // Sent once: a number that is not registered is not worth a retry.
    const sends = h.calls
      .slice(before)
      .filter(
        (c) => c.path.endsWith("/messages") && (c.body as { status?: string }).status !== "read",
      );
    expect(sends).toHaveLength(1);
  });
});
