import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  finishConversationSummary,
  getConversationSummary,
  requestConversationSummary,
} from "@/db/queries/agent-help";
import { aiUsage } from "@/db/queries/analytics/ai-usage";
import { createFaq } from "@/db/queries/faqs";
import { insertMessage } from "@/db/queries/messages";
import { agentHelpCalls, messages } from "@/db/schema";
import { getReplyDeps, provideReplyDeps } from "@/lib/bot/deps";
import * as pipeline from "@/lib/bot/pipeline";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring } from "@/lib/testing/fixtures";
import { signedIn } from "@/lib/testing/guard-stubs";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";
import { startOpenAiStub } from "@/lib/testing/openai-stub";

// The inbox's AI help as the browser calls it: the real guard and database, the model played by
// the OpenAI-compatible stub over HTTP, summaries made by the in-process job runner.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const actions = await import("./actions");

describe.each(testDatabaseKinds)("AI help in the inbox on %s", (kind) => {
  let h: InboxHarness;
  let stub: Awaited<ReturnType<typeof startOpenAiStub>>;
  const withAi = () =>
    provideReplyDeps({
      db: h.db,
      keyring: testKeyring,
      ai: {
        primary: { name: "openai", baseURL: stub.url, apiKey: "sk-test", model: "gpt-4o-mini" },
        fallbacks: [],
        embeddingModel: null,
      },
      smtp: null,
    });
  beforeAll(async () => {
    h = await startInboxHarness(kind);
    stub = await startOpenAiStub();
    withAi();
  });
  afterAll(async () => {
    await h.close();
    await stub.close();
  });
  beforeEach(() => {
    signedIn.user = h.agent;
    stub.set({ kind: "answer" });
  });

  /** A conversation where the customer wrote `texts` and the bot answered `bot`. */
  async function chat(texts: string[], bot?: string, ws = h.shop) {
    const { id } = await h.conversation({ in: ws });
    // The harness's first message is a placeholder: the conversation is made of these.
    await h.db.delete(messages).where(eq(messages.conversationId, id));
    const start = Date.now() - 60_000;
    let written = 0;
    const add = (direction: "inbound" | "outbound", text: string) =>
      insertMessage(h.db, {
        workspaceId: ws.workspaceId,
        conversationId: id,
        channelId: ws.channelId,
        direction,
        waMessageId: `wamid.${randomBytes(12).toString("hex")}`,
        type: "text",
        text,
        status: direction === "inbound" ? "received" : "delivered",
        ...(direction === "outbound" && { source: "ai" as const }),
        createdAt: new Date(start + ++written * 1000),
      });
    for (const t of texts) await add("inbound", t);
    if (bot) await add("outbound", bot);
    return id;
  }

  const calls = (conversationId: string) =>
    h.db.select().from(agentHelpCalls).where(eq(agentHelpCalls.conversationId, conversationId));

  it("refuses the signed-out, outsiders and other workspaces' conversations, asking no model", async () => {
    const id = await chat(["Do you deliver on Saturdays?"]);
    const theirs = await chat(["Hola"], undefined, h.elsewhere);
    const sent = stub.helpRequests.length;
    const every = (slug: string, conversationId: string) => [
      actions.suggestReplyAction(slug, { conversationId }),
      actions.rewriteDraftAction(slug, { conversationId, how: "translate", draft: "Yes" }),
      actions.rewriteDraftAction(slug, { conversationId, how: "friendlier", draft: "Yes" }),
      actions.refreshSummaryAction(slug, { conversationId }),
    ];
    signedIn.user = null;
    for (const r of await Promise.all(every(h.workspace.slug, id))) {
      expect(r).toMatchObject({ ok: false, code: "signed_out" });
    }
    signedIn.user = h.outsider;
    for (const r of await Promise.all(every(h.workspace.slug, id))) {
      expect(r).toMatchObject({ ok: false, code: "not_member" });
    }
    signedIn.user = h.agent;
    for (const r of await Promise.all(every(h.workspace.slug, theirs))) {
      expect(r).toMatchObject({ ok: false, code: "not_found" });
    }
    await h.settle();
    expect(stub.helpRequests.length).toBe(sent);
    expect(await calls(id)).toEqual([]);
    expect(await calls(theirs)).toEqual([]);
    expect(
      await getConversationSummary(h.db, {
        workspaceId: h.shop.workspaceId,
        conversationId: theirs,
      }),
    ).toBeNull();
  });

  it("suggests a reply grounded in the FAQ and records what it cost", async () => {
    await createFaq(h.db, {
      workspaceId: h.shop.workspaceId,
      question: "Do you deliver on Saturdays?",
      answer: "We deliver on Saturdays from 9:00 to 13:00.",
      keywords: ["deliver", "saturday"],
      priority: 0,
      active: true,
    });
    const id = await chat(["Hello", "Do you deliver on Saturdays?"]);
    const r = await actions.suggestReplyAction(h.workspace.slug, { conversationId: id });
    expect(r).toEqual({
      ok: true,
      data: { text: "Hi! We deliver on Saturdays from 9:00 to 13:00." },
    });
    const asked = stub.helpRequests.at(-1)?.body.messages ?? [];
    expect(asked[0]?.content).toContain("Inbox Shop");
    expect(asked[1]?.content).toContain("Customer: Hello\nCustomer: Do you deliver on Saturdays?");
    const [call] = await calls(id);
    expect(call).toMatchObject({
      workspaceId: h.shop.workspaceId,
      userId: h.agent.id,
      kind: "suggest",
      aiModel: "gpt-4o-mini",
    });
    expect(call?.promptTokens).toBeGreaterThan(0);
    // The analytics' AI cost counts it, apart from the bot's answers.
    const day = 24 * 60 * 60 * 1000;
    const usage = await aiUsage(h.db, {
      workspaceId: h.shop.workspaceId,
      from: new Date(Date.now() - day),
      to: new Date(Date.now() + day),
      timeZone: "UTC",
    });
    expect(usage.total.helpCalls).toBeGreaterThanOrEqual(1);
    expect(usage.total.costMicros).toBeGreaterThan(0);
    const theirs = await aiUsage(h.db, {
      workspaceId: h.elsewhere.workspaceId,
      from: new Date(Date.now() - day),
      to: new Date(Date.now() + day),
      timeZone: "UTC",
    });
    expect(theirs.total.helpCalls).toBe(0);
  });

  it("translates the draft into the customer's language and makes it friendlier", async () => {
    const id = await chat(["¿Hacen envíos a domicilio los sábados?"]);
    const draft = "Yes, on Saturdays until 13:00.";
    expect(
      await actions.rewriteDraftAction(h.workspace.slug, {
        conversationId: id,
        how: "translate",
        draft,
      }),
    ).toEqual({ ok: true, data: { text: `[Spanish] ${draft}`, language: "Spanish" } });
    expect(
      await actions.rewriteDraftAction(h.workspace.slug, {
        conversationId: id,
        how: "friendlier",
        draft,
      }),
    ).toEqual({
      ok: true,
      data: { text: `Hi there! ${draft} Thanks so much for your patience!`, language: null },
    });
    expect((await calls(id)).map((c) => c.kind).sort()).toEqual(["friendlier", "translate"]);
  });

  it("says in words why a rewrite failed, and returns no text", async () => {
    const id = await chat(["Can I pay by card at the door please?"]);
    const rewrite = (draft: string) =>
      actions.rewriteDraftAction(h.workspace.slug, {
        conversationId: id,
        how: "friendlier",
        draft,
      });
    stub.set({ kind: "error", status: 503 });
    expect(await rewrite("Yes.")).toEqual({
      ok: false,
      code: "ai_failed",
      message: expect.stringContaining("did not answer. Your draft is unchanged"),
    });
    stub.set({ kind: "answer", text: "Sure, it costs 5 EUR." });
    expect(await rewrite("Yes, it costs 4 EUR.")).toMatchObject({
      ok: false,
      code: "changed_facts",
    });
    const short = await chat(["ok"]);
    expect(
      await actions.rewriteDraftAction(h.workspace.slug, {
        conversationId: short,
        how: "translate",
        draft: "Yes.",
      }),
    ).toMatchObject({ ok: false, code: "no_language" });
  });

  it("offers nothing without an AI provider", async () => {
    const id = await chat(["Do you deliver on Saturdays?"]);
    provideReplyDeps({ db: h.db, keyring: testKeyring, ai: { fallbacks: [] }, smtp: null });
    try {
      expect(
        await actions.suggestReplyAction(h.workspace.slug, { conversationId: id }),
      ).toMatchObject({
        ok: false,
        code: "no_ai",
        message: expect.stringContaining("bot settings"),
      });
      expect(
        await actions.refreshSummaryAction(h.workspace.slug, { conversationId: id }),
      ).toMatchObject({ ok: false, code: "no_ai" });
    } finally {
      withAi();
    }
  });

  it("summarises a conversation handed to a person, in the background", async () => {
    const id = await chat(["I want a refund", "My order never came"], "Sorry to hear that!");
    const [inbound] = await h.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.direction, "inbound")));
    const deps = await getReplyDeps();
    const target = { workspaceId: h.shop.workspaceId, messageId: inbound?.id ?? "" };
    await pipeline.handOff(
      deps,
      target,
      { conversationId: id } as pipeline.PlanContext,
      "requested",
    );
    const scope = { workspaceId: h.shop.workspaceId, conversationId: id };
    // Asked for and stored as being made; the job writes it once the model answered.
    expect((await getConversationSummary(h.db, scope))?.state).toMatch(/pending|ready/);
    await h.settle();
    expect(await getConversationSummary(h.db, scope)).toMatchObject({
      state: "ready",
      wants: 'The customer wrote: "My order never came"',
      botSaid: 'The bot replied: "Sorry to hear that!"',
      openQuestions: 'Whether "I want a refund" is answered.',
      error: null,
    });
    expect((await calls(id)).map((c) => [c.kind, c.userId])).toEqual([["summary", null]]);
    // Another workspace neither reads nor writes it.
    const other = { workspaceId: h.elsewhere.workspaceId, conversationId: id };
    expect(await getConversationSummary(h.db, other)).toBeNull();
    expect(await requestConversationSummary(h.db, other)).toBeNull();
    expect(
      await finishConversationSummary(h.db, {
        ...other,
        requestedAt: new Date(),
        outcome: { state: "failed", error: "x" },
      }),
    ).toBe(false);
    expect((await getConversationSummary(h.db, scope))?.state).toBe("ready");
  });

  it("refreshes a summary; a failure keeps the last one and says why", async () => {
    const id = await chat(["Where is my parcel?"]);
    const scope = { workspaceId: h.shop.workspaceId, conversationId: id };
    expect(
      await actions.refreshSummaryAction(h.workspace.slug, { conversationId: id }),
    ).toMatchObject({
      ok: true,
    });
    await h.settle();
    expect((await getConversationSummary(h.db, scope))?.wants).toContain("Where is my parcel?");
    stub.set({ kind: "error", status: 500 });
    await actions.refreshSummaryAction(h.workspace.slug, { conversationId: id });
    await h.settle();
    expect(await getConversationSummary(h.db, scope)).toMatchObject({
      state: "failed",
      wants: 'The customer wrote: "Where is my parcel?"',
      error: "The AI provider did not answer. Try refreshing the summary.",
    });
    // A run for an older request finishing late stores nothing over the newer one.
    const older = new Date(Date.now() - 60_000);
    expect(
      await finishConversationSummary(h.db, {
        ...scope,
        requestedAt: older,
        outcome: {
          state: "ready",
          wants: "old",
          botSaid: "old",
          openQuestions: "old",
          aiModel: "m",
        },
      }),
    ).toBe(false);
  });
});
