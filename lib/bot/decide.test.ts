import { describe, expect, it } from "vitest";
import { type DecisionCheck, type DecisionInput, decide, SYSTEM_TEXT } from "./decide";
import { DEFAULT_SYSTEM_MESSAGES } from "./system-messages";

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
    fallbackMessage: null,
    defaultLanguage: "en",
    systemMessages: null,
    aiDisclosure: true,
    aiActive: false,
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

  it("closed: the away note and when a person is back come in the customer's language", () => {
    const closed = { settings: { businessHours: { "3": ["14:00-18:00"] } } };
    const spanish = { message: { text: "¿A qué hora abren la tienda el sábado por la mañana?" } };
    const es = DEFAULT_SYSTEM_MESSAGES.es;
    expect(decide(with_({ ...closed, ...spanish }))).toMatchObject({
      language: "es",
      notices: [{ kind: "away", text: `${es.away} Una persona te atenderá hoy a las 14:00.` }],
    });
    // The owner's own wording for Spanish, the back-at sentence included, wins.
    const own = {
      settings: {
        ...closed.settings,
        systemMessages: { es: { away: "Cerrado.", awayBack: "Volvemos {when}, ¡paciencia!" } },
      },
    };
    expect(decide(with_({ ...own, ...spanish })).notices[0]?.text).toBe(
      "Cerrado. Volvemos hoy a las 14:00, ¡paciencia!",
    );
    // Its English customers still get Parley's English wording.
    expect(decide(with_(own)).notices[0]?.text).toBe(
      `${SYSTEM_TEXT.away} A person will be back today at 14:00.`,
    );
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
      "not_small_talk",
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

describe("decide: conversation basics and languages", () => {
  const text = (t: string, patch: Parameters<typeof with_>[0] = {}) =>
    decide(with_({ ...patch, message: { ...patch.message, text: t } }));

  it("greets back, in the customer's language, without a hand-off or an answer", () => {
    for (const [hi, reply] of [
      ["hi", DEFAULT_SYSTEM_MESSAGES.en.greeting],
      ["bom dia", DEFAULT_SYSTEM_MESSAGES.pt.greeting],
      ["habari", DEFAULT_SYSTEM_MESSAGES.sw.greeting],
    ] as const) {
      const d = text(hi);
      expect(d).toMatchObject({ reason: "small_talk", answer: false, notices: [{ text: reply }] });
      expect(d.handoff).toBeUndefined();
    }
  });

  it("thanks, ok and a thumbs-up get nothing and call no one", () => {
    for (const t of ["thanks", "ok", "👍", "asante"]) {
      const d = text(t);
      expect(d).toMatchObject({ reason: "small_talk", answer: false, notices: [] });
      expect(d.handoff).toBeUndefined();
    }
  });

  it("answers “are you a bot?” honestly, and says goodbye", () => {
    expect(text("are you a bot?").notices[0]?.text).toBe(DEFAULT_SYSTEM_MESSAGES.en.aboutBot);
    expect(text("tchau").notices[0]?.text).toBe(DEFAULT_SYSTEM_MESSAGES.pt.goodbye);
  });

  it("a new customer asking “are you a bot?” gets the honest answer once, not the notice too", () => {
    const d = text("are you a bot?", {
      contact: { welcomedAt: null },
      settings: { aiActive: true },
    });
    expect(d.notices).toEqual([
      { kind: "welcome", text: DEFAULT_SYSTEM_MESSAGES.en.aboutBot, claim: { kind: "welcome" } },
    ]);
  });

  it("a greeting with a question is a question", () => {
    expect(text("hi, when do you open?")).toMatchObject({
      reason: "answer",
      question: "hi, when do you open?",
    });
  });

  it("a new customer's greeting gets the welcome instead of a second hello", () => {
    const d = text("hola", {
      contact: { welcomedAt: null },
      settings: { welcomeMessage: "Welcome to the shop!" },
    });
    expect(d.notices).toEqual([
      {
        kind: "welcome",
        text: "Welcome to the shop!",
        claim: { kind: "welcome" },
        translate: { language: "es", texts: ["Welcome to the shop!"] },
      },
    ]);
  });

  it("the owner's own wording goes to every language they wrote none for; Parley's only without it", () => {
    const own = {
      welcomeMessage: "Hi from Maria's café!",
      awayMessage: "Maria will reply when she's in.",
      businessHours: { "3": ["14:00-18:00"] },
    };
    const d = text("¿Tienen pasteles sin gluten hoy?", {
      contact: { welcomedAt: null },
      settings: own,
    });
    expect(d.language).toBe("es");
    expect(d.notices.map((n) => [n.kind, n.text, n.translate?.texts])).toEqual([
      ["welcome", own.welcomeMessage, [own.welcomeMessage]],
      [
        "away",
        expect.stringMatching(/^Maria will reply when she's in\. Una persona/),
        [own.awayMessage],
      ],
    ]);
    // Written for the language: no translation. In the default language: nothing to translate.
    const es = { ...own, systemMessages: { es: { welcome: "¡Hola desde el café de María!" } } };
    const inSpanish = text("¿Tienen pasteles sin gluten hoy?", {
      contact: { welcomedAt: null },
      settings: es,
    });
    expect(inSpanish.notices[0]).toEqual({
      kind: "welcome",
      text: "¡Hola desde el café de María!",
      claim: { kind: "welcome" },
    });
    const en = text("do you have gluten-free cakes today?", {
      contact: { welcomedAt: null },
      settings: own,
    });
    expect(en.notices[0]).toEqual({
      kind: "welcome",
      text: own.welcomeMessage,
      claim: { kind: "welcome" },
    });
    // Parley's own English default is not the owner's: a Spanish customer gets Parley's Spanish.
    const untouched = text("¿Tienen pasteles sin gluten hoy?", {
      contact: { welcomedAt: null },
      settings: { welcomeMessage: DEFAULT_SYSTEM_MESSAGES.en.welcome },
    });
    expect(untouched.notices[0]).toEqual({
      kind: "welcome",
      text: DEFAULT_SYSTEM_MESSAGES.es.welcome,
      claim: { kind: "welcome" },
    });
  });

  it("tells a new customer they talk to an automated assistant when the AI is on", () => {
    const on = { contact: { welcomedAt: null }, settings: { aiActive: true } };
    expect(text("Wann habt ihr am Samstag geöffnet?", on).notices).toEqual([
      {
        kind: "welcome",
        text: DEFAULT_SYSTEM_MESSAGES.de.aiDisclosure,
        claim: { kind: "welcome" },
      },
    ]);
    const own = { ...on, settings: { aiActive: true, welcomeMessage: "Hello from Kassangas!" } };
    expect(text("when do you open?", own).notices[0]?.text).toBe(
      `Hello from Kassangas!\n\n${DEFAULT_SYSTEM_MESSAGES.en.aiDisclosure}`,
    );
    expect(
      text("when do you open?", { ...on, settings: { aiActive: true, aiDisclosure: false } })
        .notices,
    ).toEqual([]);
    expect(text("when do you open?", { ...on, settings: { aiActive: false } }).notices).toEqual([]);
  });

  it("confirms STOP and START in the customer's language", () => {
    expect(text("ACHA")).toMatchObject({
      reason: "opt_out",
      optOut: true,
      language: "sw",
      notices: [{ text: DEFAULT_SYSTEM_MESSAGES.sw.optOut }],
    });
    expect(text("BAŞLA", { contact: { optedOut: true } })).toMatchObject({
      reason: "opt_in",
      optOut: false,
      notices: [{ text: DEFAULT_SYSTEM_MESSAGES.tr.optIn }],
    });
  });

  it("falls back to the workspace's default language for a short word", () => {
    expect(text("STOP", { settings: { defaultLanguage: "fr" } }).notices[0]?.text).toBe(
      DEFAULT_SYSTEM_MESSAGES.fr.optOut,
    );
    expect(
      text("Quels sont vos horaires ?", { settings: { defaultLanguage: "de" } }).language,
    ).toBe("fr");
  });

  it("uses the owner's wording for the language", () => {
    const d = text("i want a human", {
      settings: { systemMessages: { en: { handoff: "Hang on, Amina will answer." } } },
    });
    expect(d.notices[0]?.text).toBe("Hang on, Amina will answer.");
  });
});
