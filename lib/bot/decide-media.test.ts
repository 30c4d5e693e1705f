import { describe, expect, it } from "vitest";
import { type DecisionInput, decide, SYSTEM_TEXT } from "./decide";

const now = new Date("2026-11-18T10:00:00Z");
const input = (message: Partial<DecisionInput["message"]>): DecisionInput => ({
  now,
  message: { type: "image", text: null, buttonPayload: null, hasCaption: false, ...message },
  conversation: {
    status: "bot",
    lastInboundAt: now,
    awayNoticeUntil: null,
    unsupportedNoticeAt: null,
    rateLimitNoticeAt: null,
  },
  contact: { optedOut: false, welcomedAt: now, reachable: true },
  channel: { status: "connected" },
  settings: {
    enabled: true,
    welcomeMessage: null,
    timezone: "Africa/Nairobi",
    businessHours: null,
    awayMessage: null,
    outsideHours: "answer",
    handoffKeywords: ["human"],
    maxMessagesPerHour: 100,
    maxMessagesPerUserPerDay: 50,
    fallbackMessage: null,
    defaultLanguage: "en",
    systemMessages: null,
    aiDisclosure: false,
    aiActive: true,
  },
  counts: { workspaceAnswersLastHour: 0, contactMessagesLastDay: 1 },
});

// Customers' files: what the bot reads itself, and what still gets the polite note.
describe("decide on customers' files", () => {
  it("a photo the model sees is a question, with or without a caption", () => {
    expect(decide(input({ fileRead: true }))).toMatchObject({
      reason: "answer",
      answer: true,
      question: "",
    });
    const captioned = decide(input({ fileRead: true, text: "hi", hasCaption: true }));
    // "hi" with a photo asks about the photo: never the greeting alone.
    expect(captioned).toMatchObject({ reason: "answer", question: "hi" });
  });

  it("a photo no model sees: its caption is answered, else the polite note and a person", () => {
    expect(decide(input({ text: "Blue?", hasCaption: true }))).toMatchObject({
      reason: "answer",
      question: "Blue?",
    });
    expect(decide(input({}))).toMatchObject({
      reason: "unsupported",
      notices: [{ kind: "unsupported", text: SYSTEM_TEXT.unsupported }],
      handoff: { reason: "unanswered", notify: true },
    });
  });

  it("a voice note's transcript is read like text: commands, greetings and questions", () => {
    const heard = (text: string) => decide(input({ type: "audio", text, fileRead: true }));
    expect(heard("What are your opening hours?")).toMatchObject({ reason: "answer" });
    expect(heard("STOP")).toMatchObject({ reason: "opt_out", optOut: true });
    expect(heard("hello")).toMatchObject({ reason: "small_talk" });
    expect(heard("I want a human")).toMatchObject({ reason: "handoff_requested" });
    expect(decide(input({ type: "audio" }))).toMatchObject({ reason: "unsupported" });
  });

  it("a file's reading is not paid for when the bot would not answer anyway", () => {
    const off = input({ type: "audio" });
    off.settings.enabled = false;
    expect(decide(off).reason).toBe("bot_disabled");
  });
});
