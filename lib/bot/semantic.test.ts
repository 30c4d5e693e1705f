import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateFaq } from "@/db/queries/faqs";
import { faqEmbeddings, faqs } from "@/db/schema";
import { inlineRunner, requestFaqEmbedding } from "@/inngest/dispatch";
import { embedFaqsFn } from "@/inngest/functions/embed-faqs";
import { faqEmbeddingText } from "@/lib/ai/embeddings";
import { TRANSLATION_TASK } from "@/lib/ai/translate";
import { getReplyDeps } from "@/lib/bot/deps";
import { createWorkspaceFaq, updateWorkspaceFaq } from "@/lib/faqs/manage-faqs";
import { captureLogs } from "@/lib/log";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";
import { composeReply } from "./compose-reply";
import { syncFaqEmbeddings, WHOLE_FAQ_MAX, wantsEmbeddings } from "./semantic";

const HOURS = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9:00-18:00, Sat 10:00-16:00.",
  keywords: ["hours", "open"],
};
const PARKING = {
  question: "Is there parking nearby?",
  answer: "Free parking at Rua Augusta 12, see https://example.com/parking.",
  keywords: ["parking"],
};
const RAMP = {
  question: "Is the entrance wheelchair accessible?",
  answer: "Yes, there is a ramp at the main entrance.",
  keywords: [],
};
// More entries than the model is shown whole, none about access or hours.
const CATALOGUE = Array.from({ length: WHOLE_FAQ_MAX + 5 }, (_, i) => ({
  question: `Do you stock the widget model ${i}?`,
  answer: `Yes, widget model ${i} costs ${10 + i} EUR.`,
  keywords: [],
}));

let phoneCounter = 0;
const phone = () => `2548${String(Date.now()).slice(-6)}${String(++phoneCounter).padStart(2, "0")}`;

describe.each(testDatabaseKinds)("Semantic retrieval on %s", (kind) => {
  let h: ReplyHarness;
  beforeAll(async () => {
    h = await startReplyHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.ai1.set({ kind: "answer", text: "Answer from provider one" });
    h.ai1.setEmbeddings({ kind: "hashed" });
    h.ai1.setTranslation(null);
  });

  const compose = async (workspaceId: string, question: string) =>
    composeReply(await getReplyDeps(), {
      workspaceId,
      workspaceName: "Shop",
      question,
      history: async () => [],
      recordHit: false,
      language: "en",
    });
  const stored = (workspaceId: string) =>
    h.db
      .select({ faqId: faqEmbeddings.faqId, model: faqEmbeddings.model })
      .from(faqEmbeddings)
      .where(eq(faqEmbeddings.workspaceId, workspaceId));
  const lastSystemPrompt = () => h.ai1.requests.at(-1)?.body.messages[0]?.content ?? "";

  it("a saved FAQ is embedded by the background job; changed text again; unchanged not", async () => {
    const ws = await h.workspace("Embed Shop", { faqs: [HOURS, PARKING] });
    const before = h.ai1.embeddings.length;
    await requestFaqEmbedding(h.db, ws.workspaceId, {
      driver: "inline",
      schedule: (task) => task(),
    });
    await inlineRunner().idle();
    expect(h.ai1.embeddings.length).toBe(before + 1);
    expect(h.ai1.embeddings.at(-1)).toMatchObject({
      model: "text-embedding-3-small",
      authorization: "Bearer sk-one",
    });
    expect(h.ai1.embeddings.at(-1)?.input.sort()).toEqual(
      [faqEmbeddingText(HOURS), faqEmbeddingText(PARKING)].sort(),
    );
    const rows = await stored(ws.workspaceId);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.model).toBe("one:text-embedding-3-small");

    // Nothing changed: nothing is embedded.
    const deps = await getReplyDeps();
    expect(await syncFaqEmbeddings(deps, ws.workspaceId)).toMatchObject({
      embedded: 0,
      unchanged: 2,
    });
    expect(h.ai1.embeddings.length).toBe(before + 1);

    // One answer changed: only that entry is embedded again.
    const [hours] = await h.db
      .select({ id: faqs.id })
      .from(faqs)
      .where(and(eq(faqs.workspaceId, ws.workspaceId), eq(faqs.question, HOURS.question)));
    await updateFaq(h.db, {
      workspaceId: ws.workspaceId,
      id: hours?.id ?? "",
      answer: "Open every day 8:00-20:00.",
    });
    expect(await syncFaqEmbeddings(deps, ws.workspaceId)).toMatchObject({ embedded: 1 });
    expect(h.ai1.embeddings.at(-1)?.input).toEqual([
      faqEmbeddingText({ ...HOURS, answer: "Open every day 8:00-20:00." }),
    ]);
  });

  it("an owner saving an FAQ in the app: embedded in the background, again when edited", async () => {
    const owner = await seedUser(h.db, "owner");
    const ws = await createOwnedWorkspace(h.db, { name: "Owner Shop", userId: owner.id });
    const ctx = await contextAs(h.db, owner, ws.slug, "bot.manage");
    const settle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await inlineRunner().idle();
    };
    const created = await createWorkspaceFaq(ctx, {
      ...HOURS,
      priority: 0,
      active: true,
      examples: [],
    });
    await settle();
    expect(await stored(ws.id)).toHaveLength(1);
    const calls = h.ai1.embeddings.length;
    if (!created.ok) throw new Error("not created");
    await updateWorkspaceFaq(ctx, {
      id: created.data.id,
      ...HOURS,
      answer: "Open daily 8:00-20:00.",
      priority: 0,
      active: true,
      examples: [],
    });
    await settle();
    expect(h.ai1.embeddings.length).toBe(calls + 1);
    // Saved again unchanged (only its priority): nothing to embed.
    await updateWorkspaceFaq(ctx, {
      id: created.data.id,
      ...HOURS,
      answer: "Open daily 8:00-20:00.",
      priority: 5,
      active: true,
      examples: [],
    });
    await settle();
    expect(h.ai1.embeddings.length).toBe(calls + 1);
    // Another wording is part of what is embedded: the entry is embedded again, with it.
    await updateWorkspaceFaq(ctx, {
      id: created.data.id,
      ...HOURS,
      answer: "Open daily 8:00-20:00.",
      priority: 5,
      active: true,
      examples: ["what time do u open"],
    });
    await settle();
    expect(h.ai1.embeddings.length).toBe(calls + 2);
    expect(JSON.stringify(h.ai1.embeddings.at(-1))).toContain("what time do u open");
  });

  it("the Inngest function embeds the workspace's entries in one step", async () => {
    const ws = await h.workspace("Inngest Embed Shop", { faqs: [HOURS, PARKING, RAMP] });
    const { result, ctx } = await new InngestTestEngine({ function: embedFaqsFn }).execute({
      events: [{ name: "faqs/changed", data: { workspaceId: ws.workspaceId, changedAt: 1 } }],
    });
    expect(result).toMatchObject({ embedded: 3, unchanged: 0 });
    expect(ctx.step.run).toHaveBeenCalledWith("embed", expect.any(Function));
    expect(await stored(ws.workspaceId)).toHaveLength(3);
  });

  it("with AI off, or the embedding model set to none, nothing is embedded", async () => {
    const off = await h.workspace("No AI Shop", { faqs: [HOURS], bot: { aiEnabled: false } });
    const deps = await getReplyDeps();
    expect(await syncFaqEmbeddings(deps, off.workspaceId)).toMatchObject({ space: null });
    expect(await wantsEmbeddings(h.db, off.workspaceId)).toBe(false);
    const ws = await h.workspace("No Embeddings Shop", { faqs: [HOURS] });
    expect(await wantsEmbeddings(h.db, ws.workspaceId)).toBe(true);
    expect(
      await syncFaqEmbeddings(
        { ...deps, ai: { ...deps.ai, embeddingModel: null } },
        ws.workspaceId,
      ),
    ).toMatchObject({ space: null, embedded: 0 });
    expect(await stored(ws.workspaceId)).toHaveLength(0);
  });

  it("a small FAQ is shown whole to the model, with no embedding call", async () => {
    const ws = await h.workspace("Small Shop", { faqs: [HOURS, PARKING, RAMP] });
    const calls = h.ai1.embeddings.length;
    const reply = await compose(ws.workspaceId, "do you fix bicycles?");
    expect(reply).toMatchObject({ source: "ai", shown: { signal: "whole_faq" } });
    expect(reply.shown?.ids).toHaveLength(3);
    const system = lastSystemPrompt();
    expect(system).toContain("The business's FAQ (the owner's approved answers):");
    for (const f of [HOURS, PARKING, RAMP]) expect(system).toContain(f.answer);
    expect(h.ai1.embeddings.length).toBe(calls);
  });

  it("a large FAQ: the entry closest in meaning reaches the model, with one embedding call", async () => {
    const ws = await h.workspace("Large Shop", { faqs: [...CATALOGUE, RAMP] });
    const deps = await getReplyDeps();
    await syncFaqEmbeddings(deps, ws.workspaceId);
    const question = "車椅子用のスロープはありますか？";
    // Lexical only, a Japanese question does not find the English entry.
    const lexical = await composeReply(
      { ...deps, ai: { ...deps.ai, embeddingModel: null } },
      {
        workspaceId: ws.workspaceId,
        workspaceName: "Shop",
        question,
        history: async () => [],
        recordHit: false,
        language: "en",
      },
    );
    expect(lexical.shown?.signal).toBe("lexical");
    expect(lastSystemPrompt()).not.toContain(RAMP.answer);

    // A multilingual model puts the question next to the entry.
    h.ai1.setEmbeddings({ kind: "hashed", sameAs: { [question]: faqEmbeddingText(RAMP) } });
    const calls = h.ai1.embeddings.length;
    const reply = await compose(ws.workspaceId, question);
    expect(h.ai1.embeddings.length).toBe(calls + 1);
    expect(h.ai1.embeddings.at(-1)?.input).toEqual([question]);
    expect(reply.shown?.signal).toBe("hybrid");
    expect(reply.shown?.ids.length).toBeLessThanOrEqual(8);
    const system = lastSystemPrompt();
    expect(system).toContain("entries closest to the question");
    expect(system).toContain(`[FAQ 1] Q: ${RAMP.question}`);
  });

  it("a large FAQ nobody embedded yet (imported from the command line) is embedded on first use", async () => {
    const ws = await h.workspace("Imported Shop", { faqs: [...CATALOGUE, RAMP] });
    expect(await stored(ws.workspaceId)).toHaveLength(0);
    const reply = await compose(ws.workspaceId, "is there a ramp for the delivery van?");
    expect(reply.shown?.signal).toBe("lexical");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await inlineRunner().idle();
    expect(await stored(ws.workspaceId)).toHaveLength(CATALOGUE.length + 1);
    expect(
      (await compose(ws.workspaceId, "is there a ramp for the delivery van?")).shown?.signal,
    ).toBe("hybrid");
  });

  it("when embedding the question fails, retrieval is lexical and the log says so", async () => {
    const ws = await h.workspace("Failing Embeddings Shop", { faqs: [...CATALOGUE, HOURS] });
    await syncFaqEmbeddings(await getReplyDeps(), ws.workspaceId);
    h.ai1.setEmbeddings({ kind: "error", status: 500 });
    const logs = captureLogs();
    try {
      const calls = h.ai1.embeddings.length;
      const reply = await compose(
        ws.workspaceId,
        "does the shop open early enough for a quick coffee before work",
      );
      expect(h.ai1.embeddings.length).toBe(calls + 1);
      expect(reply).toMatchObject({ source: "ai", shown: { signal: "lexical_after_failure" } });
      expect(lastSystemPrompt()).toContain(HOURS.answer);
      const line = logs.lines.find((l) => l.includes("lexical only"));
      expect(line).toContain("HTTP 500");
      expect(line).not.toContain("sk-one");
    } finally {
      logs.restore();
    }
  });

  it("the model passes on an entry it was shown: the approved answer, its numbers kept", async () => {
    const ws = await h.workspace("Tagged Shop", { faqs: [HOURS, PARKING] });
    const customer = phone();
    const [hours] = await h.db
      .select({ id: faqs.id })
      .from(faqs)
      .where(and(eq(faqs.workspaceId, ws.workspaceId), eq(faqs.question, HOURS.question)));
    const shown = (await compose(ws.workspaceId, "what about the weekend")).shown?.ids ?? [];
    const tag = `[FAQ ${shown.indexOf(hours?.id ?? "") + 1}]`;
    const spanish = "Abrimos de lunes a viernes 9:00-18:00, sábados 10:00-16:00.";
    h.ai1.set({ kind: "answer", text: `${tag} ${spanish}` });
    await h.says(ws, customer, "¿y el finde?");
    let t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: spanish, faqId: hours?.id });

    // A rendering that changed a time is not sent: the approved answer is. The tag follows the
    // order this question is shown the entries in.
    const shownAgain = (await compose(ws.workspaceId, "¿seguro?")).shown?.ids ?? [];
    const tagAgain = `[FAQ ${shownAgain.indexOf(hours?.id ?? "") + 1}]`;
    h.ai1.set({ kind: "answer", text: `${tagAgain} ${spanish.replace("9:00", "8:00")}` });
    await h.says(ws, customer, "¿seguro?");
    t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: HOURS.answer });

    // No tag: the model answered itself.
    h.ai1.set({ kind: "answer", text: "We do not repair bicycles." });
    await h.says(ws, customer, "¿reparáis bicis?");
    t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "ai", text: "We do not repair bicycles." });
  });

  it("a matched FAQ goes out translated when the model translates it faithfully", async () => {
    const ws = await h.workspace("Translating Shop", { faqs: [HOURS] });
    const customer = phone();
    const swahili = "Tuko wazi Jumatatu-Ijumaa 9:00-18:00, Jumamosi 10:00-16:00.";
    h.ai1.setTranslation(swahili);
    await h.says(ws, customer, "opening hours?");
    let t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: swahili });
    expect(h.ai1.requests.at(-1)?.body.messages.at(-1)?.content).toContain(HOURS.answer);

    // Same language: the model says so and the answer goes as the owner wrote it.
    h.ai1.setTranslation(null);
    await h.says(ws, customer, "opening hours please");
    t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: HOURS.answer });

    // Every provider down: the approved answer still goes.
    h.ai1.set({ kind: "error", status: 503 });
    h.ai2.set({ kind: "error", status: 503 });
    await h.says(ws, customer, "opening hours??");
    t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: HOURS.answer });
    h.ai2.set({ kind: "answer", text: "Answer from provider two" });
  });

  it("no model call when the customer writes in the FAQ's language; one when they do not", async () => {
    const translations = () =>
      h.ai1.requests.filter((r) => r.body.messages[0]?.content.startsWith(TRANSLATION_TASK)).length;
    const chats = () => h.ai1.requests.length + h.ai2.requests.length;
    const calls = () => ({
      chats: chats(),
      translations: translations(),
      embeddings: h.ai1.embeddings.length,
    });

    const en = await h.workspace("Same Language Shop", { faqs: [HOURS] });
    const customer = phone();
    const before = calls();
    await h.says(en, customer, "what are your opening hours?");
    let t = await h.thread(en.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: HOURS.answer, aiModel: null });
    expect(calls()).toEqual(before);

    // A Portuguese business, asked in Portuguese: still none.
    const HORARIO = {
      question: "Quais são os horários de abertura?",
      answer: "Abrimos de segunda a sexta, das 9:00 às 18:00.",
      keywords: ["horário", "hours"],
    };
    const pt = await h.workspace("Padaria", { faqs: [HORARIO], bot: { defaultLanguage: "pt" } });
    await h.says(pt, customer, "quais são os horários de abertura?");
    t = await h.thread(pt.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: HORARIO.answer });
    expect(calls()).toEqual(before);

    // The same business asked in English: one translation call, and nothing else.
    const english = "We open Monday to Friday, 9:00 to 18:00.";
    h.ai1.setTranslation(english);
    await h.says(pt, customer, "what are your opening hours?");
    t = await h.thread(pt.workspaceId, customer);
    expect(t.outbound.at(-1)).toMatchObject({ source: "faq", text: english });
    expect(calls()).toEqual({
      ...before,
      chats: before.chats + 1,
      translations: before.translations + 1,
    });
  });
});
