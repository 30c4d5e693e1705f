import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerLanguage } from "@/lib/inbox/agent-help";
import { startOpenAiStub } from "@/lib/testing/openai-stub";
import {
  friendlierMessages,
  readRewrite,
  readSummary,
  SUGGEST_TASK,
  suggestMessages,
  summaryMessages,
  transcript,
  translateDraftMessages,
} from "./agent-help";
import type { AiProvider } from "./providers";
import { completeChat } from "./reply";

const turns = [
  { from: "customer" as const, text: "Do you deliver  on\nSaturdays?" },
  { from: "bot" as const, text: "We deliver Monday to Friday." },
  { from: "team" as const, text: "Let me check for you." },
];

describe("agent help prompts", () => {
  it("writes the conversation as one line per message, naming who wrote it", () => {
    expect(transcript(turns)).toBe(
      "Customer: Do you deliver on Saturdays?\nBot: We deliver Monday to Friday.\nTeam: Let me check for you.",
    );
  });

  it("grounds a suggestion in the FAQ, the knowledge and the workspace's instructions and tone", () => {
    const [system, user] = suggestMessages({
      businessName: "Bike Shop",
      systemPrompt: "Always sign as the Bike Shop team.",
      tone: "formal",
      maxLength: 500,
      grounding: [{ question: "Do you deliver?", answer: "Delivery costs 3.50 EUR." }],
      knowledge: [{ title: "Shipping", heading: "Weekends", pageUrl: null, text: "No Sunday." }],
      turns,
    });
    const prompt = String(system?.content);
    expect(prompt.startsWith(SUGGEST_TASK)).toBe(true);
    expect(prompt).toContain("Bike Shop");
    expect(prompt).toContain("Always sign as the Bike Shop team.");
    expect(prompt).toContain("Tone: formal.");
    expect(prompt).toContain("under 500 characters");
    expect(prompt).toContain("A: Delivery costs 3.50 EUR.");
    expect(prompt).toContain("Shipping · Weekends: No Sunday.");
    expect(String(user?.content)).toContain("Customer: Do you deliver on Saturdays?");
  });

  it("leaves out the sections it has nothing for", () => {
    const [system] = suggestMessages({
      businessName: "Bike Shop",
      systemPrompt: "  ",
      tone: "friendly",
      maxLength: 500,
      grounding: [],
      knowledge: [],
      turns,
    });
    expect(String(system?.content)).not.toMatch(/FAQ entries|Passages|own instructions/);
  });

  it("asks for translations into the named language and friendlier drafts in the same one", () => {
    expect(String(translateDraftMessages("Hi", "Spanish")[0]?.content)).toContain(
      "Translate it into Spanish,",
    );
    expect(String(friendlierMessages("Hi", "casual")[0]?.content)).toContain("Keep its language");
  });

  it("reads a summary from JSON, fenced or not, and refuses anything else", () => {
    const parts = { wants: "A refund", botSaid: "Nothing yet.", openQuestions: "None." };
    expect(readSummary(JSON.stringify(parts))).toEqual(parts);
    expect(readSummary(`\`\`\`json\n${JSON.stringify(parts)}\n\`\`\``)).toEqual(parts);
    expect(readSummary("The customer wants a refund.")).toBeNull();
    expect(readSummary('{"wants": "A refund"}')).toBeNull();
    expect(readSummary('{"wants": "A refund", "botSaid": ')).toBeNull();
  });

  it("takes off the quotes a model put around a rewrite", () => {
    expect(readRewrite(' "Hola, ¿qué tal?" ')).toBe("Hola, ¿qué tal?");
    expect(readRewrite("«Bonjour»")).toBe("Bonjour");
    expect(readRewrite('He said "hi" to you')).toBe('He said "hi" to you');
  });

  it("finds the customer's language in their latest clear message", () => {
    expect(
      customerLanguage([
        { from: "customer", text: "¿Hacen envíos a domicilio los sábados?" },
        { from: "team", text: "Let me check that for you right away." },
        { from: "customer", text: "ok" },
      ]),
    ).toBe("es");
    expect(customerLanguage([{ from: "team", text: "Hello, how can we help you today?" }])).toBe(
      null,
    );
  });
});

describe("agent help through a provider", () => {
  let stub: Awaited<ReturnType<typeof startOpenAiStub>>;
  let providers: AiProvider[];
  beforeAll(async () => {
    stub = await startOpenAiStub();
    providers = [{ name: "openai", baseURL: stub.url, apiKey: "sk-test", model: "gpt-4o-mini" }];
  });
  afterAll(() => stub.close());

  it("gets a summary the parser reads, from what the conversation said", async () => {
    const reply = await completeChat(
      providers,
      summaryMessages({ businessName: "Bike Shop", teamLanguage: "English", turns }),
      { maxLength: 1200 },
    );
    expect(readSummary(reply.text)).toEqual({
      wants: 'The customer wrote: "Do you deliver on Saturdays?"',
      botSaid: 'The bot replied: "We deliver Monday to Friday."',
      openQuestions: 'Whether "Do you deliver on Saturdays?" is answered.',
    });
    expect(reply.promptTokens).toBeGreaterThan(0);
    expect(reply.costMicros).not.toBeNull();
    expect(stub.helpRequests.at(-1)?.body.messages[0]?.content).toContain("Write in English");
  });

  it("gets a model's unreadable summary as null, not as a summary", async () => {
    stub.set({ kind: "answer", text: "Sure! The customer wants delivery." });
    const reply = await completeChat(
      providers,
      summaryMessages({ businessName: "Bike Shop", teamLanguage: "English", turns }),
      { maxLength: 1200 },
    );
    expect(readSummary(reply.text)).toBeNull();
    stub.set({ kind: "answer" });
  });
});
