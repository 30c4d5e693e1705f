import { describe, expect, it } from "vitest";
import {
  type BotSettingsFormInput,
  botSettingsFormSchema,
  fieldErrorsOf,
  OWN_AI_KEY,
  ownKeyProblem,
} from "./bot-settings";
import { fromStoredHours, isTimeZone, toStoredHours } from "./business-hours";

const closed = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };

/** Every field filled in, as an owner might. */
const full = (): BotSettingsFormInput => ({
  enabled: true,
  aiEnabled: true,
  aiProvider: OWN_AI_KEY,
  aiModel: "gpt-4o-mini",
  aiImages: "on",
  aiBaseUrl: "https://api.groq.com/openai/v1",
  aiApiKey: "  sk-test-0123456789abcdef  ",
  systemPrompt: "  You are the assistant of Kassanga's Music Shop in Nairobi.  ",
  tone: "professional",
  maxReplyLength: 600,
  welcomeMessage: "Hi! Ask me anything.",
  fallbackMessage: "Sorry, a person will answer soon.",
  timezone: "Africa/Nairobi",
  businessHours: {
    ...closed,
    1: [
      { from: "09:00", to: "12:30" },
      { from: "13:30", to: "18:00" },
    ],
    5: [{ from: "09:00", to: "17:00" }],
    6: [{ from: "18:00", to: "00:00" }],
  },
  awayMessage: "",
  defaultLanguage: "sw",
  aiDisclosure: true,
  systemMessages: { sw: { fallback: "  Samahani, mtu atakujibu.  ", greeting: "" }, fr: {} },
  outsideHours: "closed_only",
  handoffKeywords: ["human", "talk to a person", "  mtu  "],
  maxMessagesPerHour: 100_000,
  maxMessagesPerUserPerDay: 1,
  escalationPhone: "+254 (700) 123-456",
  escalationEmail: " owner@kassanga.test ",
});

/** The field errors for the full form with some fields replaced. */
const errorsWith = (patch: Partial<BotSettingsFormInput>) => {
  const parsed = botSettingsFormSchema.safeParse({ ...full(), ...patch });
  if (parsed.success) throw new Error(`expected a refusal for ${JSON.stringify(patch)}`);
  return fieldErrorsOf(parsed.error);
};

const monday = (...ranges: [string, string][]) => ({
  businessHours: { ...closed, 1: ranges.map(([from, to]) => ({ from, to })) },
});

describe("bot settings form schema", () => {
  it("knows only the two choices for outside business hours", () => {
    expect(botSettingsFormSchema.parse({ ...full(), outsideHours: "answer" }).outsideHours).toBe(
      "answer",
    );
    expect(errorsWith({ outsideHours: "sleep" as "answer" })).toEqual({
      outsideHours: "Choose what the bot does outside business hours.",
    });
  });

  it("accepts a full form and tidies it for storage", () => {
    const data = botSettingsFormSchema.parse(full());
    expect(data).toMatchObject({
      aiApiKey: "sk-test-0123456789abcdef",
      systemPrompt: "You are the assistant of Kassanga's Music Shop in Nairobi.",
      awayMessage: null,
      handoffKeywords: ["human", "talk to a person", "mtu"],
      escalationPhone: "+254700123456",
      escalationEmail: "owner@kassanga.test",
    });
    expect(toStoredHours(data.businessHours)).toEqual({
      1: ["09:00-12:30", "13:30-18:00"],
      5: ["09:00-17:00"],
      6: ["18:00-24:00"],
    });
  });

  it("accepts the minimum: no AI choice, no hours, no optional texts", () => {
    const data = botSettingsFormSchema.parse({
      ...full(),
      aiProvider: "",
      aiModel: "",
      aiBaseUrl: "",
      aiApiKey: "",
      systemPrompt: "",
      welcomeMessage: "   ",
      businessHours: closed,
      handoffKeywords: [],
      escalationPhone: "",
      escalationEmail: "",
    });
    expect(data).toMatchObject({
      systemPrompt: null,
      welcomeMessage: null,
      escalationPhone: null,
      escalationEmail: null,
    });
    expect(toStoredHours(data.businessHours)).toBeNull();
  });

  it("keeps the owner's wording per language, drops empty boxes, and refuses unknown languages", () => {
    const out = botSettingsFormSchema.parse(full());
    expect(out.defaultLanguage).toBe("sw");
    expect(out.systemMessages).toEqual({ sw: { fallback: "Samahani, mtu atakujibu." } });
    expect(
      botSettingsFormSchema.parse({ ...full(), systemMessages: { en: {} } }).systemMessages,
    ).toBe(null);
    expect(errorsWith({ defaultLanguage: "xx" as "en" })).toEqual({
      defaultLanguage: "Choose one of the languages.",
    });
    expect(
      Object.keys(errorsWith({ systemMessages: { sw: { fallback: "x".repeat(5000) } } })),
    ).toEqual(["systemMessages.sw.fallback"]);
  });

  it("keeps {when} in the owner's wording of when a person is back", () => {
    expect(errorsWith({ systemMessages: { es: { awayBack: "Volvemos pronto." } } })).toEqual({
      "systemMessages.es.awayBack":
        "Keep {when} where the day and time go, e.g. “We're back {when}.”",
    });
    const own = { systemMessages: { es: { awayBack: "Volvemos {when}." } } };
    expect(botSettingsFormSchema.parse({ ...full(), ...own }).systemMessages).toEqual({
      es: { awayBack: "Volvemos {when}." },
    });
  });

  it("refuses a closing time before or at the opening time", () => {
    const later =
      "Closing time must be after opening time. For hours past midnight, add the rest on the next day.";
    expect(errorsWith(monday(["17:00", "09:00"]))).toEqual({ "businessHours.1.0.to": later });
    expect(errorsWith(monday(["09:00", "09:00"]))).toEqual({ "businessHours.1.0.to": later });
  });

  it("refuses times that are not HH:MM, naming which one", () => {
    expect(errorsWith(monday(["9am", "17:00"]))).toEqual({
      "businessHours.1.0.from": "Enter the opening time as HH:MM, e.g. 09:00.",
    });
    expect(errorsWith(monday(["09:00", ""]))).toEqual({
      "businessHours.1.0.to": "Enter the closing time as HH:MM, e.g. 17:30.",
    });
    expect(errorsWith(monday(["24:00", "24:00"]))).toMatchObject({
      "businessHours.1.0.from": "Enter the opening time as HH:MM, e.g. 09:00.",
    });
  });

  it("refuses overlapping ranges on a day, and accepts ranges that touch", () => {
    expect(errorsWith(monday(["09:00", "12:00"], ["11:00", "14:00"]))).toEqual({
      "businessHours.1.0.from": "Overlaps 11:00–14:00. Merge the two, or change one of them.",
      "businessHours.1.1.from": "Overlaps 09:00–12:00. Merge the two, or change one of them.",
    });
    expect(errorsWith(monday(["08:00", "00:00"], ["20:00", "21:00"]))).toHaveProperty(
      "businessHours.1.1.from",
    );
    expect(
      botSettingsFormSchema.safeParse({
        ...full(),
        ...monday(["09:00", "12:00"], ["12:00", "17:00"]),
      }).success,
    ).toBe(true);
  });

  it("refuses unknown time zones and offsets", () => {
    const message = "Choose a time zone from the list, e.g. Africa/Nairobi.";
    expect(errorsWith({ timezone: "Mars/Olympus_Mons" })).toEqual({ timezone: message });
    expect(errorsWith({ timezone: "+03:00" })).toEqual({ timezone: message });
    expect(errorsWith({ timezone: "" })).toEqual({ timezone: "Choose your time zone." });
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
  });

  it("refuses texts over their limits and an empty fallback message", () => {
    expect(errorsWith({ systemPrompt: "x".repeat(4001) })).toEqual({
      systemPrompt: "Use at most 4,000 characters.",
    });
    expect(errorsWith({ welcomeMessage: "x".repeat(4097) })).toEqual({
      welcomeMessage: "Use at most 4,096 characters.",
    });
    expect(errorsWith({ awayMessage: "x".repeat(4097) })).toEqual({
      awayMessage: "Use at most 4,096 characters.",
    });
    expect(errorsWith({ fallbackMessage: "  " })).toEqual({
      fallbackMessage: "Write what the bot says when it has no answer.",
    });
  });

  it("refuses hand-off phrases that are too long, too many, repeated or empty of words", () => {
    expect(errorsWith({ handoffKeywords: ["human", "x".repeat(61)] })).toEqual({
      "handoffKeywords.1": "Keep each phrase to 60 characters or fewer.",
    });
    expect(
      errorsWith({ handoffKeywords: Array.from({ length: 51 }, (_, i) => `phrase ${i}`) }),
    ).toEqual({ handoffKeywords: "Use at most 50 phrases." });
    expect(errorsWith({ handoffKeywords: ["Human", "agent", "humán!"] })).toEqual({
      "handoffKeywords.2": "“humán!” is already in the list.",
    });
    expect(errorsWith({ handoffKeywords: ["?!"] })).toEqual({
      "handoffKeywords.0": "Use words, not only punctuation or emoji.",
    });
  });

  it("refuses phone numbers without a country code and bad e-mail addresses", () => {
    const phone = "Enter the number with its country code, e.g. +254 700 123456.";
    for (const bad of ["12345", "0700 123 456", "+254 700 12a 456", "+1234567890123456"]) {
      expect(errorsWith({ escalationPhone: bad })).toEqual({ escalationPhone: phone });
    }
    expect(
      botSettingsFormSchema.parse({ ...full(), escalationPhone: "254700123456" }),
    ).toMatchObject({ escalationPhone: "+254700123456" });
    for (const bad of ["owner@", "owner kassanga.test", "@kassanga.test"]) {
      expect(errorsWith({ escalationEmail: bad })).toEqual({
        escalationEmail: "Enter a valid e-mail address, e.g. owner@yourshop.com.",
      });
    }
  });

  it("refuses limits out of range, and numbers that are not whole or missing", () => {
    expect(errorsWith({ maxMessagesPerHour: 0 })).toEqual({
      maxMessagesPerHour: "Use at least 1.",
    });
    expect(errorsWith({ maxMessagesPerHour: 100_001 })).toEqual({
      maxMessagesPerHour: "Use at most 100,000.",
    });
    expect(errorsWith({ maxMessagesPerUserPerDay: 0 })).toEqual({
      maxMessagesPerUserPerDay: "Use at least 1.",
    });
    expect(errorsWith({ maxMessagesPerUserPerDay: 10_001 })).toEqual({
      maxMessagesPerUserPerDay: "Use at most 10,000.",
    });
    expect(errorsWith({ maxReplyLength: 49 })).toEqual({ maxReplyLength: "Use at least 50." });
    expect(errorsWith({ maxReplyLength: 4097 })).toEqual({ maxReplyLength: "Use at most 4,096." });
    expect(errorsWith({ maxReplyLength: 12.5 })).toEqual({
      maxReplyLength: "Enter a whole number.",
    });
    expect(errorsWith({ maxMessagesPerHour: Number.NaN })).toEqual({
      maxMessagesPerHour: "Enter a number.",
    });
  });

  it("refuses a tone it does not offer", () => {
    expect(errorsWith({ tone: "warm" as never })).toEqual({ tone: "Choose one of the tones." });
  });

  it("asks for a model, a web address and a clean key with the workspace's own key", () => {
    expect(errorsWith({ aiModel: "" })).toEqual({
      aiModel: "Enter the model your provider gives you, e.g. gpt-4o-mini.",
    });
    expect(errorsWith({ aiModel: "gpt 4o" })).toEqual({
      aiModel: "A model name has no spaces, e.g. gpt-4o-mini.",
    });
    for (const bad of ["ftp://models.test/v1", "api.openai.com/v1"]) {
      expect(errorsWith({ aiBaseUrl: bad })).toEqual({
        aiBaseUrl:
          "Enter the full address, starting with https://, e.g. https://api.groq.com/openai/v1.",
      });
    }
    expect(errorsWith({ aiApiKey: "sk-one two" })).toEqual({
      aiApiKey: "Paste only the key, without spaces.",
    });
    // With a server provider, an empty model means that provider's default.
    expect(
      botSettingsFormSchema.safeParse({ ...full(), aiProvider: "openai", aiModel: "" }).success,
    ).toBe(true);
  });

  it("needs a key for the own provider unless one is stored", () => {
    const own = { aiProvider: OWN_AI_KEY, aiApiKey: "" };
    expect(ownKeyProblem(own, false)).toBe(
      "Paste your API key, or choose one of this server's providers.",
    );
    expect(ownKeyProblem(own, true)).toBeNull();
    expect(ownKeyProblem({ ...own, aiApiKey: "sk-new" }, false)).toBeNull();
    expect(ownKeyProblem({ aiProvider: "openai", aiApiKey: "" }, false)).toBeNull();
  });
});

describe("stored business hours", () => {
  it("round-trips the stored shape, midnight included", () => {
    const stored = { 2: ["13:00-17:00", "08:00-12:00"], 7: ["20:00-24:00"] };
    const week = fromStoredHours(stored);
    expect(week[7]).toEqual([{ from: "20:00", to: "00:00" }]);
    expect(week[1]).toEqual([]);
    expect(toStoredHours(week)).toEqual({ 2: ["08:00-12:00", "13:00-17:00"], 7: ["20:00-24:00"] });
    expect(fromStoredHours(null)).toEqual(closed);
  });

  it("keeps a stored range it cannot read, so the form shows it as an error", () => {
    const week = fromStoredHours({ 3: ["9-5"] });
    expect(week[3]).toEqual([{ from: "9", to: "5" }]);
    expect(
      botSettingsFormSchema.safeParse({ ...full(), businessHours: week }).error?.issues[0]?.path,
    ).toEqual(["businessHours", "3", 0, "from"]);
  });
});
