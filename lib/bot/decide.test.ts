import { describe, expect, it } from "vitest";
import { type DecisionCheck, type DecisionInput, decide, SYSTEM_TEXT } from "./decide";

const now = new Date("2026-11-18T10:00:00Z"); // a Wednesday
const base: DecisionInput = {
  now,
  message: {
    type: "text",
    text: "what are your opening hours",
    buttonPayload: null,
    hasCaption: false,
  },
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
    handoffKeywords: ["human", "talk to a person"],
    maxMessagesPerHour: 100,
    maxMessagesPerUserPerDay: 50,
  },
  counts: { workspaceAnswersLastHour: 0, contactMessagesLastDay: 1 },
};
const with_ = (
  patch: {
    [K in keyof DecisionInput]?: Partial<DecisionInput[K]>;
  },
): DecisionInput => ({
  ...base,
  ...Object.fromEntries(
    Object.entries(patch).map(([k, v]) => [
      k,
      { ...(base[k as keyof DecisionInput] as object), ...v },
    ]),
  ),
});

describe("decide", () => {
  it("answers a plain question", () => {
    expect(decide(base)).toMatchObject({
      reason: "answer",
      answer: true,
      question: base.message.text,
    });
  });

  it("opts out even when the bot is off, and says nothing to a customer already out", () => {
    const stop = { message: { text: "Stop!" }, settings: { enabled: false } };
    expect(decide(with_(stop))).toMatchObject({
      reason: "opt_out",
      optOut: true,
      notices: [{ text: SYSTEM_TEXT.optOut }],
    });
    expect(decide(with_({ ...stop, contact: { optedOut: true } }))).toMatchObject({
      reason: "opted_out",
      notices: [],
    });
  });

  it("matches hand-off phrases as whole words only", () => {
    expect(decide(with_({ message: { text: "can I talk to a person?" } })).reason).toBe(
      "handoff_requested",
    );
    expect(decide(with_({ message: { text: "can I pay in person at the store?" } })).reason).toBe(
      "answer",
    );
  });

  it("reads a whole 65,536-character message for hand-off phrases in one pass", () => {
    const filler = "my order is late again ".repeat(2_900);
    const keywords = Array.from({ length: 50 }, (_, i) => `put me through to agent ${i}`);
    const long = (text: string) =>
      with_({
        message: { text },
        settings: { handoffKeywords: [...keywords, "talk to a person"] },
      });
    const started = process.cpuUsage();
    const asked = decide(long(`${filler} can I talk to a person?`));
    const plain = decide(long(filler));
    const used = process.cpuUsage(started);
    expect(asked.reason).toBe("handoff_requested");
    expect(plain).toMatchObject({ reason: "answer", question: filler.trim() });
    // 51 phrases each normalising the whole text took over 100 ms; generous for a busy machine.
    expect((used.user + used.system) / 1000).toBeLessThan(60);
  });

  it("keeps the away notice until the next opening", () => {
    const closed = { settings: { businessHours: { "3": ["14:00-18:00"] } } };
    const first = decide(with_(closed));
    expect(first.reason).toBe("outside_hours");
    // 14:00 in Nairobi (UTC+3) that Wednesday.
    expect(first.notices[0]?.claim?.until).toBe("2026-11-18T11:00:00.000Z");
    const told = { conversation: { awayNoticeUntil: new Date("2026-11-18T11:00:00Z") } };
    expect(decide(with_({ ...closed, ...told })).notices).toEqual([]);
  });

  it("hands a customer with no phone number to a person instead of writing", () => {
    expect(decide(with_({ contact: { reachable: false } }))).toMatchObject({
      reason: "unreachable",
      answer: false,
      notices: [],
      handoff: { reason: "reply_failed" },
    });
    // Silence needs no phone number.
    expect(
      decide(with_({ contact: { reachable: false }, settings: { enabled: false } })).reason,
    ).toBe("bot_disabled");
  });

  it("reports the checks a message passed, in order, up to the one that stopped it", () => {
    const passed = (input: DecisionInput) => {
      const checks: DecisionCheck[] = [];
      decide(input, (c) => checks.push(c));
      return checks;
    };
    expect(passed(base)).toEqual([
      "message",
      "channel",
      "command",
      "not_opted_out",
      "enabled",
      "bot_mode",
      "window",
      "no_handoff_keyword",
      "open",
      "within_limits",
      "readable",
    ]);
    expect(passed(with_({ settings: { enabled: false } }))).toEqual([
      "message",
      "channel",
      "command",
      "not_opted_out",
    ]);
    expect(passed(with_({ channel: { status: "needs_reauth" } }))).toEqual(["message"]);
  });
});
