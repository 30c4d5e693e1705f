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
    outsideHours: "answer",
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

  it("closed: answers what it can and adds the away note once, until the next opening", () => {
    const closed = { settings: { businessHours: { "3": ["14:00-18:00"] } } };
    const first = decide(with_(closed));
    expect(first).toMatchObject({
      reason: "answer",
      answer: true,
      question: base.message.text,
      notices: [
        {
          kind: "away",
          text: `${SYSTEM_TEXT.away} A person will be back today at 14:00.`,
          afterAnswer: true,
          // 14:00 in Nairobi (UTC+3) that Wednesday.
          claim: { kind: "away", until: "2026-11-18T11:00:00.000Z" },
        },
      ],
      // What it cannot answer waits for the team, without waking anyone.
      unanswered: { reason: "outside_hours", notify: false },
    });
    expect(first.handoff).toBeUndefined();
    const told = { conversation: { awayNoticeUntil: new Date("2026-11-18T11:00:00Z") } };
    const second = decide(with_({ ...closed, ...told }));
    expect(second).toMatchObject({ reason: "answer", answer: true, notices: [] });
    // Open again: no note, and an unanswered question is handed off as usual.
    const open = decide({ ...with_(closed), now: new Date("2026-11-18T12:00:00Z") });
    expect(open).toMatchObject({ reason: "answer", notices: [] });
    expect(open.unanswered).toBeUndefined();
  });

  it("closed, set to only say so: the away note once, no answer, flagged without an alert", () => {
    const closed = {
      settings: {
        businessHours: { "3": ["14:00-18:00"] },
        outsideHours: "closed_only" as const,
        awayMessage: "  We're shut.  ",
      },
    };
    expect(decide(with_(closed))).toMatchObject({
      reason: "outside_hours",
      answer: false,
      notices: [{ kind: "away", text: "We're shut. A person will be back today at 14:00." }],
      handoff: { reason: "outside_hours", notify: false },
    });
    expect(decide(with_(closed)).notices[0]?.afterAnswer).toBeUndefined();
    const told = { conversation: { awayNoticeUntil: new Date("2026-11-18T11:00:00Z") } };
    expect(decide(with_({ ...closed, ...told }))).toMatchObject({
      reason: "outside_hours",
      answer: false,
      notices: [],
    });
  });

  it("closed with a welcome due: welcome first, then the answer, then the away note", () => {
    const d = decide(
      with_({
        settings: { businessHours: { "3": ["14:00-18:00"] }, welcomeMessage: "Hello!" },
        contact: { welcomedAt: null },
      }),
    );
    expect(d.notices.map((n) => [n.kind, n.afterAnswer ?? false])).toEqual([
      ["welcome", false],
      ["away", true],
    ]);
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
