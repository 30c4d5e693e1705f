import { readFileSync } from "node:fs";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readAnalytics } from "@/db/queries/analytics/report";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { DEFAULT_SYSTEM_MESSAGES as SAY } from "./system-messages";

const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9-18.",
  keywords: ["hours", "open"],
};
const DELIVERY_FAQ = {
  question: "Do you deliver to Kilimani?",
  answer: "Yes, we deliver to Kilimani within 2 hours for KES 200.",
  keywords: ["deliver", "delivery"],
};

// A 1x1 PNG and a two-second voice note (WebM/Opus, as a browser records one).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const VOICE = readFileSync(new URL("../testing/fixtures/voice-note.webm", import.meta.url));

async function pdfSaying(text: string) {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText(text, {
    x: 40,
    y: 700,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return doc.save();
}

let counter = 0;
const phone = () => `2558${String(Date.now()).slice(-6)}${String(++counter).padStart(2, "0")}`;

// Photos, voice notes and documents from customers, through the real webhook and reply job.
describe.each(testDatabaseKinds)("Customers' files on %s", (kind) => {
  let h: ReplyHarness;
  beforeAll(async () => {
    h = await startReplyHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.ai1.set({ kind: "answer" });
    h.ai1.setTranscript("What are your opening hours?");
    h.useAi({ transcriptionModel: undefined, transcriptionMaxSeconds: undefined });
  });

  it("a photo goes to a vision model with its caption, and the reply answers about it", async () => {
    const ws = await h.workspace("Photo Shop", { faqs: [HOURS_FAQ, DELIVERY_FAQ] });
    const customer = phone();
    const before = h.ai1.requests.length;
    await h.sendsFile(ws, customer, "image", {
      bytes: PNG,
      mimeType: "image/png",
      caption: "Do you have this in blue?",
    });
    const asked = h.ai1.requests.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.images).toEqual([`data:image/png;base64,${PNG.toString("base64")}`]);
    // The FAQ grounds the answer, as for any question.
    expect(asked[0]?.body.messages[0]?.content).toContain(DELIVERY_FAQ.answer);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound).toHaveLength(1);
    expect(t.outbound[0]).toMatchObject({
      text: "AI saw 1 image: Do you have this in blue?",
      source: "ai",
      aiModel: "gpt-4o-mini",
    });
    // The image's tokens are on the reply, priced as the model's input.
    expect(t.outbound[0]?.promptTokens).toBeGreaterThan(85);
    expect(t.outbound[0]?.costMicros).toBeGreaterThan(0);
    expect(t.conversation?.needsHuman).toBe(false);
  });

  it("a photo without a caption is still shown to the model and answered", async () => {
    const ws = await h.workspace("Bare Photo Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.sendsFile(ws, customer, "image", { bytes: PNG, mimeType: "image/png" });
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual(["AI saw 1 image: (a photo without a caption)"]);
    expect(t.inbound[0]?.replyState).toBe("handled");
  });

  it("models that do not see images: the photo gets the polite note and a person", async () => {
    const text = { baseURL: h.ai1.url, apiKey: "sk-one" };
    h.useAi({
      primary: { name: "one", ...text, model: "llama-3.1-8b-instruct" },
      fallbacks: [{ name: "two", baseURL: h.ai2.url, apiKey: "sk-two", model: "mistral-small" }],
    });
    try {
      const ws = await h.workspace("Blind Shop", { faqs: [HOURS_FAQ] });
      const customer = phone();
      const before = h.ai1.requests.length + h.ai2.requests.length;
      await h.sendsFile(ws, customer, "image", { bytes: PNG, mimeType: "image/png" });
      const t = await h.thread(ws.workspaceId, customer);
      expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
      expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "unanswered" });
      expect(h.ai1.requests.length + h.ai2.requests.length).toBe(before);

      // The owner says their model sees images: it is sent the photo.
      const own = await h.workspace("Seeing Shop", { faqs: [HOURS_FAQ], bot: { aiImages: "on" } });
      const other = phone();
      await h.sendsFile(own, other, "image", {
        bytes: PNG,
        mimeType: "image/png",
        caption: "Price?",
      });
      const seen = await h.thread(own.workspaceId, other);
      expect(seen.outbound.map((m) => m.text)).toEqual(["AI saw 1 image: Price?"]);
      expect(h.ai1.requests.at(-1)?.body.model).toBe("llama-3.1-8b-instruct");
    } finally {
      h.useAi({
        primary: { name: "one", ...text, model: "gpt-4o-mini" },
        fallbacks: [{ name: "two", baseURL: h.ai2.url, apiKey: "sk-two", model: "gpt-4.1-mini" }],
      });
    }
  });

  it("the owner turns photos off for their model: the next model that sees images answers", async () => {
    const ws = await h.workspace("Off Shop", { faqs: [HOURS_FAQ], bot: { aiImages: "off" } });
    const customer = phone();
    h.ai2.set({ kind: "answer" });
    const first = h.ai1.requests.length;
    await h.sendsFile(ws, customer, "image", {
      bytes: PNG,
      mimeType: "image/png",
      caption: "Blue?",
    });
    expect(h.ai1.requests.length).toBe(first);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => [m.text, m.aiModel])).toEqual([
      ["AI saw 1 image: Blue?", "gpt-4.1-mini"],
    ]);
  });

  it("a sticker is not analysed", async () => {
    const ws = await h.workspace("Sticker Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const before = h.ai1.requests.length;
    await h.sendsFile(ws, customer, "sticker", { bytes: PNG, mimeType: "image/webp" });
    expect(h.ai1.requests.length).toBe(before);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
  });

  it("a voice note is transcribed, its transcript kept, and answered from the FAQ", async () => {
    const ws = await h.workspace("Voice Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const chats = h.ai1.requests.length;
    const heard = h.ai1.transcriptions.length;
    await h.sendsFile(ws, customer, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    const sent = h.ai1.transcriptions.slice(heard);
    expect(sent).toEqual([
      expect.objectContaining({
        model: "gpt-4o-mini-transcribe",
        fileName: "voice-note.webm",
        fileType: "audio/webm",
        bytes: VOICE.length,
        authorization: "Bearer sk-one",
      }),
    ]);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.inbound[0]).toMatchObject({
      transcript: "What are your opening hours?",
      transcriptionModel: "gpt-4o-mini-transcribe",
      transcriptionSeconds: 2,
      // 1.92 s at $0.003 a minute.
      transcriptionCostMicros: 96,
      replyState: "handled",
    });
    expect(t.outbound.map((m) => [m.text, m.source])).toEqual([[HOURS_FAQ.answer, "faq"]]);
    // FAQ first: no chat model was asked.
    expect(h.ai1.requests.length).toBe(chats);
    // Analytics counts the transcription with the rest of the AI cost.
    const report = await readAnalytics(h.db, {
      workspaceId: ws.workspaceId,
      from: new Date(Date.now() - 86_400_000),
      to: new Date(),
      timeZone: "UTC",
    });
    expect(report.transcription).toEqual({
      models: [{ model: "gpt-4o-mini-transcribe", notes: 1, seconds: 2, costMicros: 96 }],
      total: { notes: 1, seconds: 2, costMicros: 96 },
    });
  });

  it("a voice note no FAQ answers goes to the AI as its words", async () => {
    const ws = await h.workspace("Voice AI Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    h.ai1.setTranscript("Can I pay with M-Pesa?");
    await h.sendsFile(ws, customer, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => [m.text, m.source])).toEqual([
      ["AI: Can I pay with M-Pesa?", "ai"],
    ]);
  });

  it("a voice note longer than the limit is not transcribed: the polite note and a person", async () => {
    h.useAi({ transcriptionMaxSeconds: 1 });
    const ws = await h.workspace("Long Voice Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const heard = h.ai1.transcriptions.length;
    await h.sendsFile(ws, customer, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    expect(h.ai1.transcriptions.length).toBe(heard);
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.inbound[0]?.transcript).toBeNull();
    expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
    expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "unanswered" });
  });

  it("transcription off, or no AI: voice notes keep the polite note and a person", async () => {
    h.useAi({ transcriptionModel: null });
    const off = await h.workspace("Deaf Shop", { faqs: [HOURS_FAQ] });
    const first = phone();
    const heard = h.ai1.transcriptions.length;
    await h.sendsFile(off, first, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    let t = await h.thread(off.workspaceId, first);
    expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
    expect(t.conversation?.needsHuman).toBe(true);

    h.useAi({ transcriptionModel: undefined });
    const noAi = await h.workspace("No AI Shop", { faqs: [HOURS_FAQ], bot: { aiEnabled: false } });
    const second = phone();
    await h.sendsFile(noAi, second, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    t = await h.thread(noAi.workspaceId, second);
    expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
    expect(t.conversation?.needsHuman).toBe(true);
    expect(h.ai1.transcriptions.length).toBe(heard);
  });

  it("a transcription provider that fails: the next one is tried, then the polite note", async () => {
    h.ai1.setTranscript({ status: 500 });
    h.ai2.setTranscript("What are your opening hours?");
    const ws = await h.workspace("Flaky Voice Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.sendsFile(ws, customer, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    let t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([HOURS_FAQ.answer]);

    h.ai2.setTranscript({ status: 500 });
    const other = phone();
    await h.sendsFile(ws, other, "audio", { bytes: VOICE, mimeType: "audio/webm" });
    t = await h.thread(ws.workspaceId, other);
    expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
    expect(t.conversation?.needsHuman).toBe(true);
    h.ai2.setTranscript("What are your opening hours?");
  });

  it("a PDF's text is read like a long message, FAQ first, even without AI", async () => {
    const ws = await h.workspace("Document Shop", {
      faqs: [HOURS_FAQ, DELIVERY_FAQ],
      bot: { aiEnabled: false },
    });
    const customer = phone();
    await h.sendsFile(ws, customer, "document", {
      bytes: await pdfSaying("Order 1043. Do you deliver to Kilimani?"),
      mimeType: "application/pdf",
      filename: "order.pdf",
    });
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => [m.text, m.source])).toEqual([[DELIVERY_FAQ.answer, "faq"]]);
  });

  it("a document with a caption: the caption and the document's text go to the AI together", async () => {
    const ws = await h.workspace("Document AI Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    await h.sendsFile(ws, customer, "document", {
      bytes: new TextEncoder().encode("Item: red kitenge, size M"),
      mimeType: "text/plain",
      filename: "list.txt",
      caption: "Is this in stock?",
    });
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([
      "AI: Is this in stock?\n\nItem: red kitenge, size M",
    ]);
  });

  it("a scanned PDF without text gets the polite note and a person", async () => {
    const ws = await h.workspace("Scan Shop", { faqs: [HOURS_FAQ] });
    const customer = phone();
    const blank = await PDFDocument.create();
    blank.addPage();
    await h.sendsFile(ws, customer, "document", {
      bytes: await blank.save(),
      mimeType: "application/pdf",
      filename: "scan.pdf",
    });
    const t = await h.thread(ws.workspaceId, customer);
    expect(t.outbound.map((m) => m.text)).toEqual([SAY.en.unsupported]);
    expect(t.conversation).toMatchObject({ needsHuman: true, handoffReason: "unanswered" });
  });
});
