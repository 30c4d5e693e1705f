import { describe, expect, it } from "vitest";
import type { BotSettingsRow } from "@/db/queries/bot-settings";
import { DEFAULT_HANDOFF_KEYWORDS } from "@/db/schema";
import { botSettingsFormSchema, OWN_AI_KEY } from "@/lib/validations/bot-settings";
import { deploymentAiChoices } from "./ai-choices";
import { toFormValues } from "./form-values";
import { settingsPatch } from "./settings-patch";

// A new workspace's row, as the schema's defaults make it.
const defaults: BotSettingsRow = {
  workspaceId: "00000000-0000-4000-8000-000000000001",
  enabled: true,
  aiEnabled: true,
  aiProvider: null,
  aiModel: null,
  aiBaseUrl: null,
  aiApiKeyEncrypted: null,
  aiImages: "auto",
  systemPrompt: null,
  tone: "friendly",
  maxReplyLength: 1000,
  welcomeMessage: null,
  fallbackMessage: "Sorry, I can't answer that yet. A person will get back to you.",
  timezone: "UTC",
  businessHours: null,
  awayMessage: null,
  defaultLanguage: "en",
  systemMessages: null,
  aiDisclosure: true,
  outsideHours: "answer",
  handoffKeywords: DEFAULT_HANDOFF_KEYWORDS,
  maxMessagesPerHour: 1000,
  maxMessagesPerUserPerDay: 50,
  escalationPhone: null,
  escalationEmail: null,
  alertTemplateName: null,
  alertTemplateLanguage: null,
  csatEnabled: false,
  csatQuestion: null,
  updatedAt: new Date("2025-01-01T00:00:00Z"),
};

const choices = deploymentAiChoices({
  primary: { name: "openai", apiKey: "sk-deployment", model: "gpt-4o-mini" },
  fallbacks: [
    { name: "groq", apiKey: "gsk-deployment", baseURL: "https://groq.test", model: "llama" },
  ],
});

const patchFor = (
  row: BotSettingsRow,
  edit: (v: ReturnType<typeof toFormValues>) => void,
  storedKey: string | null = null,
) => {
  const values = toFormValues(row, choices);
  edit(values);
  return settingsPatch({
    row,
    form: botSettingsFormSchema.parse(values),
    choices,
    storedKey,
    encryptKey: (k) => `encrypted(${k})`,
  });
};

describe("settings patch", () => {
  it("finds nothing to save in an untouched form, defaults included", () => {
    expect(patchFor(defaults, () => {})).toEqual({ patch: {}, changed: [] });
    expect(toFormValues(defaults, choices).aiProvider).toBe("openai");
  });

  it("saves the owner's word on whether photos go to the model", () => {
    expect(toFormValues(defaults, choices).aiImages).toBe("auto");
    const { patch, changed } = patchFor(defaults, (v) => {
      v.aiImages = "off";
    });
    expect(patch).toEqual({ aiImages: "off" });
    expect(changed).toEqual(["aiImages"]);
    expect(() =>
      botSettingsFormSchema.parse({ ...toFormValues(defaults, choices), aiImages: "maybe" }),
    ).toThrow(/Choose whether photos go to the model/);
  });

  it("saves only the fields that differ", () => {
    const { patch, changed } = patchFor(defaults, (v) => {
      v.tone = "concise";
      v.escalationPhone = "+254 700 123456";
      v.outsideHours = "closed_only";
      v.businessHours[1] = [{ from: "09:00", to: "17:00" }];
    });
    expect(patch).toEqual({
      tone: "concise",
      outsideHours: "closed_only",
      escalationPhone: "+254700123456",
      businessHours: { 1: ["09:00-17:00"] },
    });
    expect(changed).toEqual(["tone", "outsideHours", "escalationPhone", "businessHours"]);
  });

  it("stores a new own key encrypted, keeps it when the box is left empty, and names it only", () => {
    const added = patchFor(defaults, (v) => {
      v.aiProvider = OWN_AI_KEY;
      v.aiModel = "gpt-4.1-mini";
      v.aiApiKey = "sk-own-key-123456";
    });
    expect(added.patch).toEqual({
      aiModel: "gpt-4.1-mini",
      aiApiKeyEncrypted: "encrypted(sk-own-key-123456)",
    });
    expect(added.changed).toEqual(["aiProvider", "aiModel", "aiApiKey"]);

    const stored = { ...defaults, ...added.patch } as BotSettingsRow;
    expect(toFormValues(stored, choices)).toMatchObject({ aiProvider: OWN_AI_KEY, aiApiKey: "" });
    expect(patchFor(stored, () => {}, "sk-own-key-123456")).toEqual({ patch: {}, changed: [] });
    // Typing the same key again is no change.
    expect(
      patchFor(stored, (v) => (v.aiApiKey = "sk-own-key-123456"), "sk-own-key-123456").changed,
    ).toEqual([]);
  });

  it("removes the own key and its address when a server provider is chosen", () => {
    const own = {
      ...defaults,
      aiModel: "llama3",
      aiBaseUrl: "https://ollama.test/v1",
      aiApiKeyEncrypted: "encrypted(sk-own)",
    };
    const { patch, changed } = patchFor(
      own,
      (v) => {
        v.aiProvider = "groq";
        v.aiModel = "";
        v.aiBaseUrl = "";
      },
      "sk-own",
    );
    expect(patch).toEqual({
      aiProvider: "groq",
      aiModel: null,
      aiBaseUrl: null,
      aiApiKeyEncrypted: null,
    });
    expect(changed).toEqual(["aiProvider", "aiModel", "aiBaseUrl", "aiApiKey"]);
  });
});
