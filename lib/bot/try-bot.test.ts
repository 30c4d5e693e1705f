import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  channels,
  contacts,
  conversations,
  escalations,
  faqs,
  messages,
} from "@/db/schema";
import { faqEmbeddingText } from "@/lib/ai/embeddings";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import type { ComposeDeps } from "./compose-reply";
import { SYSTEM_TEXT } from "./decide";
import { getReplyDeps } from "./deps";
import { AI_DIRECT_THRESHOLD, createFaqIndex, DEFAULT_THRESHOLD } from "./faq-match";
import { scoreAgainst } from "./score-format";
import { syncFaqEmbeddings } from "./semantic";
import { type TryInput, tryBot } from "./try-bot";

const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9-18.",
  keywords: ["hours", "open"],
};
const DELIVERY_FAQ = {
  question: "How much does delivery cost?",
  answer: "Delivery is free over 50 EUR.",
  keywords: ["delivery", "shipping"],
};
const WEEKDAYS_9_TO_6 = {
  "1": ["09:00-18:00"],
  "2": ["09:00-18:00"],
  "3": ["09:00-18:00"],
  "4": ["09:00-18:00"],
  "5": ["09:00-18:00"],
};

let phoneCounter = 0;
const phone = () => `2548${String(Date.now()).slice(-6)}${String(++phoneCounter).padStart(2, "0")}`;

// The real decision and compose code over a real database and FAQ index, with the AI behind
// OpenAI-compatible stubs; the reply harness also runs the real pipeline for the comparison.
describe.each(testDatabaseKinds)("Try it on %s", (kind) => {
  let h: ReplyHarness;
  let deps: ComposeDeps;
  beforeAll(async () => {
    h = await startReplyHarness(kind);
    deps = await getReplyDeps();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.ai1.set({ kind: "answer", text: "Answer from provider one" });
    h.ai2.set({ kind: "answer", text: "Answer from provider two" });
  });

  const ask = (
    ws: { workspaceId: string },
    question: string,
    extra: Partial<TryInput> = {},
    using: ComposeDeps = deps,
  ) =>
    tryBot(using, {
      workspaceId: ws.workspaceId,
      workspaceName: "Test Shop",
      question,
      as: "returning",
      ...extra,
    });

  it("a matched FAQ: its answer, its score against the threshold, the checks in order", async () => {
    const ws = await h.workspace("Try FAQ Shop", { faqs: [HOURS_FAQ, DELIVERY_FAQ] });
    const view = await ask(ws, "when are you OPEN??");
    const [faq] = await h.db.select().from(faqs).where(eq(faqs.question, HOURS_FAQ.question));
    expect(view).toMatchObject({
      outcome: "faq",
      text: HOURS_FAQ.answer,
      replies: [{ kind: "answer", text: HOURS_FAQ.answer }],
      faq: { id: faq?.id, question: HOURS_FAQ.question, threshold: AI_DIRECT_THRESHOLD },
    });
    expect(view.faq?.score).toBeGreaterThanOrEqual(AI_DIRECT_THRESHOLD);
    expect(view.rule).toBeUndefined();
    expect(view.near).toBeUndefined();
    expect(view.steps.slice(0, 3)).toEqual([
      "A message from a customer, not a reaction or an edit.",
      "Your WhatsApp number is connected.",
      "It isn't STOP or START, the words that opt a customer out or back in.",
    ]);
    expect(view.steps).toContain("The bot is switched on.");
    expect(view.steps.at(-1)).toBe(
      `FAQ “${HOURS_FAQ.question}” matched at ${scoreAgainst(view.faq?.score ?? 0, AI_DIRECT_THRESHOLD)}.`,
    );
  });

  it("says whether an FAQ answer reaches a customer writing another language translated", async () => {
    const ws = await h.workspace("Try Translation Shop", { faqs: [HOURS_FAQ] });
    const question = "¿Cuál es vuestro horario de apertura?";
    const none = await ask(ws, question, {}, { ...deps, ai: { fallbacks: [] } });
    expect(none).toMatchObject({ outcome: "faq", text: HOURS_FAQ.answer });
    expect(none.steps.at(-1)).toBe("Sent as written: no AI provider to translate it into Spanish.");

    const spanish = "Abrimos de lunes a viernes 9-18.";
    h.ai1.setTranslation(spanish);
    try {
      const translated = await ask(ws, question);
      expect(translated).toMatchObject({ outcome: "faq", text: spanish });
      expect(translated.steps.at(-1)).toBe(
        "Translated into Spanish by the AI, every number and link kept.",
      );
    } finally {
      h.ai1.setTranslation(null);
    }
    // The FAQ's own language needs no translation, and the steps say nothing of it.
    const english = await ask(
      ws,
      "what are your opening hours?",
      {},
      { ...deps, ai: { fallbacks: [] } },
    );
    expect(english.steps.at(-1)).toMatch(/^FAQ “What are your opening hours\?” matched at/);
  });

  it("shows a new customer the owner's own welcome in their language, and says how it got there", async () => {
    const ws = await h.workspace("Try Welcome Shop", {
      faqs: [HOURS_FAQ],
      bot: { welcomeMessage: "Welcome to Maria's café!", aiDisclosure: false },
    });
    const question = "¿Cuál es vuestro horario de apertura?";
    const none = await ask(ws, question, { as: "new" }, { ...deps, ai: { fallbacks: [] } });
    expect(none.replies[0]).toEqual({ kind: "welcome", text: "Welcome to Maria's café!" });
    expect(none.steps).toContain(
      "A new customer: your welcome message goes first, as you wrote it (you have no Spanish wording, and the AI did not translate it).",
    );
    h.ai1.setTranslation("¡Bienvenido al café de María!");
    try {
      const translated = await ask(ws, question, { as: "new" });
      expect(translated.replies[0]).toEqual({
        kind: "welcome",
        text: "¡Bienvenido al café de María!",
      });
      expect(translated.steps).toContain(
        "A new customer: your welcome message goes first, translated into Spanish by the AI.",
      );
    } finally {
      h.ai1.setTranslation(null);
    }
  });

  it("a greeting is small talk, not a stopped answer", async () => {
    const ws = await h.workspace("Try Hello Shop", { faqs: [HOURS_FAQ] });
    const view = await ask(ws, "hi");
    expect(view).toMatchObject({ outcome: "small_talk", rule: { reason: "small_talk" } });
    expect(view.replies).toHaveLength(1);
  });

  it("knows when the question already is one of an entry's wordings, even a switched-off one", async () => {
    const ws = await h.workspace("Try Wording Shop", {
      faqs: [{ ...DELIVERY_FAQ, examples: ["Do you ship to Mombasa"] }],
    });
    await h.db.update(faqs).set({ active: false }).where(eq(faqs.workspaceId, ws.workspaceId));
    const view = await ask(ws, "do you ship to  mombasa?", {}, { ...deps, ai: { fallbacks: [] } });
    expect(view.outcome).toBe("fallback");
    expect(view.wordingOf).toMatchObject({ question: DELIVERY_FAQ.question, active: false });
    const other = await ask(ws, "do you ship to Lamu?", {}, { ...deps, ai: { fallbacks: [] } });
    expect(other.wordingOf).toBeUndefined();
  });

  it("sends an entry by itself at a lower confidence when no AI would answer instead", async () => {
    const ws = await h.workspace("Try Band Shop", {
      faqs: [HOURS_FAQ, DELIVERY_FAQ],
      bot: { systemPrompt: "You sell bicycles." },
    });
    const question = "is delivery of bicycles expensive";
    const index = createFaqIndex(
      [HOURS_FAQ, DELIVERY_FAQ].map((f, i) => ({ ...f, id: String(i), priority: 0 })),
    );
    const score = index.related(question, 1, 0)[0]?.score ?? 0;
    // The question is one the matcher is fairly, not fully, sure of.
    expect(score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(score).toBeLessThan(AI_DIRECT_THRESHOLD);

    const withAi = await ask(ws, question);
    expect(withAi).toMatchObject({
      outcome: "ai",
      text: "Answer from provider one",
      threshold: AI_DIRECT_THRESHOLD,
      aiAnswers: true,
    });
    const request = h.ai1.requests.at(-1);
    expect(request?.body.messages[0]?.content).toContain(DELIVERY_FAQ.answer);

    const withoutAi = await ask(ws, question, {}, { ...deps, ai: { fallbacks: [] } });
    expect(withoutAi).toMatchObject({
      outcome: "faq",
      text: DELIVERY_FAQ.answer,
      threshold: DEFAULT_THRESHOLD,
      aiAnswers: false,
    });
  });

  it("no match: the AI's answer with its model, tokens, cost, and the closest FAQ", async () => {
    const ws = await h.workspace("Try AI Shop", {
      faqs: [HOURS_FAQ, DELIVERY_FAQ],
      bot: { systemPrompt: "You sell bicycles." },
    });
    const view = await ask(ws, "do you assemble bicycles after delivery?");
    expect(view).toMatchObject({
      outcome: "ai",
      text: "Answer from provider one",
      ai: { model: "gpt-4o-mini", provider: "one" },
    });
    expect(view.ai?.promptTokens).toBeGreaterThan(0);
    expect(view.ai?.completionTokens).toBeGreaterThan(0);
    expect(view.ai?.costMicros).toBeGreaterThan(0);
    expect(view.near?.[0]).toMatchObject({ question: DELIVERY_FAQ.question });
    expect(view.near?.[0]?.score).toBeLessThan(AI_DIRECT_THRESHOLD);
    expect(view.steps.at(-1)).toMatch(/^The AI answered: gpt-4o-mini \(one\), \d+ \+ \d+ tokens/);
    expect(view.steps.at(-2)).toBe(
      `No FAQ entry was sure enough to answer by itself; the closest was “${DELIVERY_FAQ.question}” at ${scoreAgainst(view.near?.[0]?.score ?? 0, AI_DIRECT_THRESHOLD)}.`,
    );
    expect(view.steps.at(-2)).toMatch(/at \d+% \(needs \d+%\)\.$/);
    // The same prompt as the pipeline's: the settings and the closest FAQ as grounding.
    const request = h.ai1.requests.at(-1);
    expect(request?.body.messages[0]?.content).toContain("You sell bicycles.");
    expect(request?.body.messages[0]?.content).toContain(DELIVERY_FAQ.answer);
    expect(request?.body.messages.at(-1)?.content).toBe("do you assemble bicycles after delivery?");
  });

  it("shows the candidates with their scores and signals, and the language the message is in", async () => {
    const ws = await h.workspace("Try Signals Shop", {
      bot: { aiEnabled: false },
      faqs: [HOURS_FAQ, DELIVERY_FAQ],
    });
    const view = await ask(ws, "does shipping include gift wrapping and a card?");
    expect(view.outcome).toBe("fallback");
    expect(view.language).toMatchObject({ code: "en", name: "English" });
    const [delivery] = view.candidates ?? [];
    expect(delivery).toMatchObject({ question: DELIVERY_FAQ.question });
    expect(delivery?.signals).toEqual(expect.arrayContaining(["lexical", "keyword"]));
    expect(delivery?.signals).not.toContain("semantic");
    expect(delivery?.score).toBeGreaterThan(0);

    const en = await ask(ws, "do you deliver to my street on sundays?");
    expect(en.language).toEqual({ code: "en", name: "English", detected: true });
    const pt = await ask(ws, "quanto custa a entrega para Niterói?");
    expect(pt.language).toEqual({ code: "pt", name: "Português", detected: true });
    const short = await ask(ws, "hours?");
    expect(short.language).toMatchObject({ code: "en", detected: false });
    expect(short.candidates?.[0]).toMatchObject({ question: HOURS_FAQ.question });
  });

  it("with the FAQ embedded, an entry found by meaning says so", async () => {
    const question = "¿a qué hora abren?";
    h.ai1.setEmbeddings({ kind: "hashed", sameAs: { [question]: faqEmbeddingText(HOURS_FAQ) } });
    const ws = await h.workspace("Try Semantic Shop", { faqs: [HOURS_FAQ, DELIVERY_FAQ] });
    await syncFaqEmbeddings(deps, ws.workspaceId);
    const view = await ask(ws, question);
    expect(view.candidates?.[0]?.question).toBe(HOURS_FAQ.question);
    expect(view.candidates?.[0]?.signals).toContain("semantic");
    expect(view.candidates?.[0]?.score).toBeGreaterThan(0.9);
    h.ai1.setEmbeddings({ kind: "hashed" });
  });

  it("reads only the configured number of characters of a long question", async () => {
    const ws = await h.workspace("Try Long Shop", { faqs: [HOURS_FAQ, DELIVERY_FAQ] });
    // The FAQ's words come after the cut, so they are not read.
    const question = `${"tell me about bicycles ".repeat(20)}what are your opening hours?`;
    const view = await ask(ws, question, {}, { ...deps, inputChars: 300 });
    expect(view.outcome).toBe("ai");
    const read = h.ai1.requests.at(-1)?.body.messages.at(-1)?.content ?? "";
    expect(read.length).toBeLessThanOrEqual(300);
    expect(read).toMatch(/^tell me about bicycles .*…$/);
    expect(read).not.toContain("opening");
    // Read whole, the same question finds the FAQ.
    expect((await ask(ws, question, {}, { ...deps, inputChars: 2_000 })).outcome).toBe("faq");
  });

  it("the AI turned off, no provider, or every provider down: the fallback message", async () => {
    const off = await h.workspace("Try No AI Shop", {
      faqs: [HOURS_FAQ],
      bot: { aiEnabled: false, fallbackMessage: "A person will answer soon." },
    });
    const before = h.ai1.requests.length;
    const disabled = await ask(off, "can I rent a cargo bike?");
    expect(disabled).toMatchObject({
      outcome: "fallback",
      text: "A person will answer soon.",
      near: [],
    });
    expect(disabled.ai).toBeUndefined();
    expect(disabled.steps.at(-1)).toMatch(/^AI answers are off in your bot settings/);
    expect(h.ai1.requests.length).toBe(before);

    const ws = await h.workspace("Try Providerless Shop");
    const none = await ask(ws, "can I rent a cargo bike?", {}, { ...deps, ai: { fallbacks: [] } });
    expect(none.outcome).toBe("fallback");
    expect(none.steps.at(-1)).toMatch(/^No AI provider is configured/);

    h.ai1.set({ kind: "error", status: 503 });
    h.ai2.set({ kind: "error", status: 500 });
    const down = await ask(ws, "can I rent a cargo bike?");
    expect(down.outcome).toBe("fallback");
    expect(down.steps.at(-1)).toMatch(/^Every AI provider failed \(one: HTTP 503.*two: HTTP 500/);
  });

  it("a customer who opted out gets nothing, and the rule says why", async () => {
    const ws = await h.workspace("Try Opted Shop", { faqs: [HOURS_FAQ] });
    const view = await ask(ws, "opening hours?", { as: "opted_out" });
    expect(view).toMatchObject({
      outcome: "stopped",
      text: null,
      replies: [],
      rule: { reason: "opted_out" },
    });
    expect(view.rule?.explanation).toContain("opted out");
    expect(view.steps.at(-1)).toBe("Stopped: the customer has opted out.");
    // The customer's own words still work, as in real conversations.
    expect(await ask(ws, "START", { as: "opted_out" })).toMatchObject({
      outcome: "notice",
      text: SYSTEM_TEXT.optIn,
      rule: { reason: "opt_in" },
    });
    expect(await ask(ws, "stop")).toMatchObject({
      outcome: "notice",
      text: SYSTEM_TEXT.optOut,
      rule: { reason: "opt_out" },
    });
  });

  it("a disabled bot answers nothing", async () => {
    const ws = await h.workspace("Try Off Shop", { faqs: [HOURS_FAQ], bot: { enabled: false } });
    const view = await ask(ws, "opening hours?");
    expect(view).toMatchObject({
      outcome: "stopped",
      text: null,
      rule: { reason: "bot_disabled" },
    });
    expect(view.rule?.explanation).toContain("switched off");
  });

  it("outside business hours: the answer, then the away note with the next opening", async () => {
    const ws = await h.workspace("Try Night Shop", {
      faqs: [HOURS_FAQ],
      bot: {
        businessHours: WEEKDAYS_9_TO_6,
        timezone: "Asia/Tokyo",
        awayMessage: "We're closed.",
      },
    });
    // Saturday noon in Tokyo; Monday 09:00 there is midnight UTC.
    const saturday = new Date("2026-11-21T03:00:00Z");
    const view = await ask(ws, "opening hours?", { at: saturday });
    const away = "We're closed. A person will be back Monday at 9:00.";
    expect(view).toMatchObject({
      outcome: "faq",
      replies: [
        { kind: "answer", text: HOURS_FAQ.answer },
        { kind: "away", text: away },
      ],
    });
    expect(view.steps.join(" ")).toMatch(/closed now \(Saturday 21 November.*still answers/);

    const tuesday = new Date("2026-11-24T01:00:00Z");
    const open = await ask(ws, "opening hours?", { at: tuesday });
    expect(open.outcome).toBe("faq");
    expect(open.replies).toEqual([{ kind: "answer", text: HOURS_FAQ.answer }]);
    expect(open.steps).toContain("You're open now (Tuesday 24 November at 10:00, Asia/Tokyo).");
  });

  it("outside business hours, set to only say it's closed: the away note and no answer", async () => {
    const ws = await h.workspace("Try Closed Shop", {
      faqs: [HOURS_FAQ],
      bot: {
        businessHours: WEEKDAYS_9_TO_6,
        timezone: "Asia/Tokyo",
        awayMessage: "We're closed.",
        outsideHours: "closed_only",
      },
    });
    const view = await ask(ws, "opening hours?", { at: new Date("2026-11-21T03:00:00Z") });
    expect(view).toMatchObject({
      outcome: "notice",
      replies: [{ kind: "away", text: "We're closed. A person will be back Monday at 9:00." }],
      rule: { reason: "outside_hours", nextOpening: "2026-11-23T00:00:00.000Z" },
    });
    expect(view.rule?.explanation).toContain("only tell customers you're closed");
    expect(view.rule?.explanation).toMatch(
      /open next on Monday 23 November.*09:00 \(Asia\/Tokyo\)/,
    );
  });

  it("a hand-off keyword: the customer is told a person will reply, no answer", async () => {
    const ws = await h.workspace("Try Handoff Shop", { faqs: [HOURS_FAQ] });
    const view = await ask(ws, "opening hours? I want to talk to a HUMAN");
    expect(view).toMatchObject({
      outcome: "notice",
      text: SYSTEM_TEXT.handoff,
      rule: { reason: "handoff_requested" },
    });
    expect(view.rule?.explanation).toContain("“human” is one of your hand-off keywords");
  });

  it("a workspace over its hourly limit: the rate-limit notice, with the real count", async () => {
    const ws = await h.workspace("Try Busy Shop", {
      faqs: [HOURS_FAQ],
      bot: { maxMessagesPerHour: 1 },
    });
    expect((await ask(ws, "opening hours?")).outcome).toBe("faq");
    await h.says(ws, phone(), "opening hours");
    const view = await ask(ws, "opening hours?");
    expect(view).toMatchObject({
      outcome: "notice",
      text: SYSTEM_TEXT.rateLimited,
      rule: { reason: "rate_limited" },
    });
    expect(view.rule?.explanation).toContain(
      "Your bot has sent 1 answer in the last hour, and your limit is 1 an hour.",
    );
  });

  it("a new customer gets the welcome message first, a returning one does not", async () => {
    const ws = await h.workspace("Try Welcome Shop", {
      faqs: [HOURS_FAQ],
      bot: { welcomeMessage: "Welcome to the shop!" },
    });
    const fresh = await ask(ws, "opening hours?", { as: "new" });
    expect(fresh.replies).toEqual([
      { kind: "welcome", text: "Welcome to the shop!" },
      { kind: "answer", text: HOURS_FAQ.answer },
    ]);
    expect(fresh.text).toBe(`Welcome to the shop!\n\n${HOURS_FAQ.answer}`);
    expect(fresh.steps).toContain("A new customer: your welcome message goes first.");
    expect((await ask(ws, "opening hours?")).replies).toHaveLength(1);
  });

  it("photos are read by their caption; without one the bot cannot read them", async () => {
    const ws = await h.workspace("Try Photo Shop", { faqs: [HOURS_FAQ] });
    expect(await ask(ws, "opening hours?", { messageType: "image" })).toMatchObject({
      outcome: "faq",
    });
    expect(await ask(ws, "", { messageType: "image" })).toMatchObject({
      outcome: "notice",
      text: SYSTEM_TEXT.unsupported,
      rule: { reason: "unsupported" },
    });
  });

  it("without a usable number it says so, and still shows the answer", async () => {
    const ws = await h.workspace("Try Offline Shop", { faqs: [HOURS_FAQ] });
    await h.db
      .update(channels)
      .set({ status: "needs_reauth" })
      .where(eq(channels.id, ws.channelId));
    const view = await ask(ws, "opening hours?");
    expect(view).toMatchObject({
      outcome: "faq",
      text: HOURS_FAQ.answer,
      rule: { reason: "channel_unavailable" },
    });
    expect(view.rule?.explanation).toContain("needs re-authorizing");
    expect(view.steps[1]).toMatch(/nothing would be sent now/);

    await h.db.delete(channels).where(eq(channels.id, ws.channelId));
    const none = await ask(ws, "opening hours?", { as: "opted_out" });
    // The rule that stops the answer comes first; the missing number is still a step.
    expect(none).toMatchObject({ outcome: "stopped", rule: { reason: "opted_out" } });
    expect(none.steps[1]).toMatch(/^Your workspace has no WhatsApp number yet/);
  });

  it("nothing is written and nothing is sent", async () => {
    const ws = await h.workspace("Try Quiet Shop", {
      faqs: [HOURS_FAQ],
      bot: { welcomeMessage: "Hello!", escalationPhone: "+254700123456" },
    });
    const rows = async () => {
      const of = (table: typeof messages | typeof contacts | typeof conversations) =>
        h.db.select({ n: count() }).from(table).where(eq(table.workspaceId, ws.workspaceId));
      const [[m], [c], [v], [e], [a], [faq]] = await Promise.all([
        of(messages),
        of(contacts),
        of(conversations),
        h.db
          .select({ n: count() })
          .from(escalations)
          .where(eq(escalations.workspaceId, ws.workspaceId)),
        h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.workspaceId, ws.workspaceId)),
        h.db
          .select({ hits: faqs.hitCount, last: faqs.lastMatchedAt, updated: faqs.updatedAt })
          .from(faqs)
          .where(eq(faqs.workspaceId, ws.workspaceId)),
      ]);
      return { m: m?.n, c: c?.n, v: v?.n, e: e?.n, a: a?.n, faq };
    };
    const before = await rows();
    const calls = h.calls.length;
    for (const question of ["opening hours?", "do you fix bikes?", "talk to a human", "stop"]) {
      await ask(ws, question, { as: "new" });
    }
    expect(await rows()).toEqual(before);
    expect(before).toMatchObject({ m: 0, c: 0, v: 0, e: 0, faq: { hits: 0, last: null } });
    expect(h.calls.length).toBe(calls);
  });

  it("what Try it shows is what customers get", async () => {
    const ws = await h.workspace("Try Promise Shop", {
      faqs: [HOURS_FAQ, DELIVERY_FAQ],
      bot: { welcomeMessage: "Welcome to the bike shop!" },
    });
    const questions = [
      "when are you OPEN??",
      "how much is shipping",
      "do you fix cargo bikes?",
      "I need to talk to a human",
      "STOP",
    ];
    for (const question of questions) {
      const customer = phone();
      const view = await ask(ws, question, { as: "new" });
      await h.says(ws, customer, question);
      const sent = (await h.thread(ws.workspaceId, customer)).outbound.map((m) => m.text);
      expect(sent, question).toEqual(view.replies.map((r) => r.text));
      expect(sent.join("\n\n"), question).toBe(view.text ?? "");
    }
  });
});
