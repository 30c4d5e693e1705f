import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createKnowledgeSource } from "@/db/queries/knowledge";
import { getReplyDeps } from "@/lib/bot/deps";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { embedKnowledge } from "./embed";
import { ingestKnowledgeSource } from "./ingest";

const WARRANTY = [
  "# Warranty",
  "Every bicycle frame we sell has a lifetime warranty.",
  "The gears and brakes are covered for two years from the day of purchase.",
  "",
  "# Repairs",
  "Our workshop repairs punctures while you wait for 300 shillings.",
].join("\n");

let phoneCounter = 0;
const phone = () => `2547${String(Date.now()).slice(-6)}${String(++phoneCounter).padStart(2, "0")}`;

// The reply path end to end: the webhook, the reply job, the AI (the local stub, which records
// what it was shown) and the stored reply.
describe.each(testDatabaseKinds)("answers from knowledge on %s", (kind) => {
  let h: ReplyHarness;
  let ws: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  const systemPrompt = () => h.ai1.requests.at(-1)?.body.messages[0]?.content ?? "";

  beforeAll(async () => {
    h = await startReplyHarness(kind);
    ws = await h.workspace("Juniper Bikes", {
      faqs: [
        { question: "What are your opening hours?", answer: "Mon-Sat 8-18.", keywords: ["hours"] },
      ],
    });
    const source = await createKnowledgeSource(h.db, {
      workspaceId: ws.workspaceId,
      kind: "text",
      title: "Warranty and repairs",
      content: Buffer.from(WARRANTY),
    });
    const outcome = await ingestKnowledgeSource(
      { db: h.db },
      {
        workspaceId: ws.workspaceId,
        sourceId: source.id,
        requestedAt: source.syncRequestedAt.toISOString(),
      },
    );
    expect(outcome).toEqual({ outcome: "ready", passages: 2 });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.ai1.set({ kind: "answer", text: "The gears are covered for two years." });
    h.ai1.setEmbeddings({ kind: "hashed" });
  });

  it("shows the model the passage that answers, and records it on the reply", async () => {
    const customer = phone();
    await h.says(ws, customer, "How long is the warranty on the gears?");
    const prompt = systemPrompt();
    expect(prompt).toContain("[Passage 1] Warranty and repairs · Warranty");
    expect(prompt).toContain("covered for two years");
    // The unrelated passage stays out of the prompt.
    expect(prompt).not.toContain("punctures");
    const { outbound } = await h.thread(ws.workspaceId, customer);
    expect(outbound.at(-1)).toMatchObject({
      source: "ai",
      text: "The gears are covered for two years.",
      knowledge: [
        {
          passageId: expect.any(String),
          title: "Warranty and repairs",
          heading: "Warranty",
          pageUrl: null,
          excerpt: expect.stringContaining("lifetime warranty"),
        },
      ],
    });
  });

  it("shows no passage for a question the knowledge says nothing about", async () => {
    const customer = phone();
    await h.says(ws, customer, "Do you sell pizza?");
    expect(systemPrompt()).not.toContain("[Passage");
    const { outbound } = await h.thread(ws.workspaceId, customer);
    expect(outbound.at(-1)).toMatchObject({ source: "ai", knowledge: null });
  });

  it("finds a passage by meaning once passages are embedded (a question in another language)", async () => {
    const question = "Dhamana ya gia ni ya muda gani?";
    h.ai1.setEmbeddings({
      kind: "hashed",
      sameAs: { [question]: "Warranty\nThe gears and brakes are covered for two years warranty" },
    });
    const embedded = await embedKnowledge(await getReplyDeps(), ws.workspaceId);
    expect(embedded).toMatchObject({ embedded: 2, more: false });
    expect(await embedKnowledge(await getReplyDeps(), ws.workspaceId)).toMatchObject({
      embedded: 0,
    });
    const customer = phone();
    await h.says(ws, customer, question);
    expect(systemPrompt()).toContain("covered for two years");
  });

  it("answers lexically when embedding the question fails", async () => {
    h.ai1.setEmbeddings({ kind: "error", status: 500 });
    const customer = phone();
    await h.says(ws, customer, "How long is the warranty on the gears?");
    expect(systemPrompt()).toContain("covered for two years");
  });
});
