import { describe, expect, it } from "vitest";
import { describeImportProblem, validateTenantImport } from "./tenant-import";

const valid = {
  workspaces: [
    {
      name: "Kassangas Music Shop",
      whatsapp: {
        phoneNumberId: "119202345678901",
        wabaId: "108912345678901",
        displayPhoneNumber: "+254 700 123456",
        accessToken: "EAAGxxxxxxxxxxxxxxxxxxxxxxxxxx",
        verifyToken: "kassangas-verify-123",
      },
      bot: {
        enabled: true,
        aiEnabled: true,
        systemPrompt: "You are the friendly assistant of Kassangas Music Shop",
        welcomeMessage: "Hi! Ask me anything about our shop.",
        fallbackMessage: "Sorry, I can't answer that yet. A person will get back to you.",
        maxMessagesPerHour: 100,
        maxMessagesPerUserPerDay: 50,
      },
      faqs: [
        {
          question: "What are your business hours?",
          answer: "Mon-Fri 9-18, Sat 10-16.",
          keywords: ["hours", "open"],
          priority: 10,
        },
      ],
    },
  ],
};

const problemsOf = (input: unknown) => {
  const result = validateTenantImport(input);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
};

describe("tenant import validation", () => {
  it("accepts the CONTRACT.md example", () => {
    expect(validateTenantImport(valid).ok).toBe(true);
  });

  it("accepts the minimal file: name and phoneNumberId only", () => {
    expect(
      validateTenantImport({ workspaces: [{ name: "A", whatsapp: { phoneNumberId: "12345678" } }] })
        .ok,
    ).toBe(true);
  });

  it("reports every problem with its JSON path", () => {
    const problems = problemsOf({
      workspaces: [
        { name: "", whatsapp: { phoneNumberId: 119202345678901 } },
        { name: "B", whatsapp: {}, bot: { maxMessagesPerHour: -1, colour: "red" } },
        { name: "C", whatsapp: { phoneNumberId: "123456" }, faqs: [{ question: "Q?" }] },
      ],
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "workspaces[0].name",
        "workspaces[0].whatsapp.phoneNumberId",
        "workspaces[1].whatsapp.phoneNumberId",
        "workspaces[1].bot.maxMessagesPerHour",
        "workspaces[1].bot",
        "workspaces[2].faqs[0].answer",
      ]),
    );
    expect(
      problems.find((p) => p.path === "workspaces[0].whatsapp.phoneNumberId")?.message,
    ).toMatch(/quote it/);
    expect(problems.find((p) => p.path === "workspaces[1].bot")?.message).toMatch(/colour/);
  });

  it("refuses a phoneNumberId repeated in one file", () => {
    const dup = {
      workspaces: [
        valid.workspaces[0],
        { name: "Other", whatsapp: { phoneNumberId: "119202345678901" } },
      ],
    };
    expect(problemsOf(dup)).toEqual([
      {
        path: "workspaces[1].whatsapp.phoneNumberId",
        message: "repeats the phoneNumberId of workspaces[0]",
        workspace: "Other",
      },
    ]);
  });

  it("refuses a question repeated within one workspace", () => {
    const ws = {
      name: "A",
      whatsapp: { phoneNumberId: "12345678" },
      faqs: [
        { question: "Hours?", answer: "9-5" },
        { question: "hours?", answer: "10-6" },
      ],
    };
    expect(problemsOf({ workspaces: [ws] })[0]?.path).toBe("workspaces[0].faqs[1].question");
  });

  it("refuses files that are not a workspace list", () => {
    expect(problemsOf([])[0]?.path).toBe("(file)");
    expect(problemsOf({ workspaces: [] })[0]?.path).toBe("workspaces");
  });

  it("accepts the bot's hours, outside-hours mode, language, assistant notice and wording", () => {
    const result = validateTenantImport({
      workspaces: [
        {
          name: "Padaria Pinheiros",
          whatsapp: { phoneNumberId: "5511912345678" },
          bot: {
            timezone: "America/Sao_Paulo",
            businessHours: { "1": ["14:00-18:00", "08:00-12:00"], "6": ["08:00-24:00"] },
            outsideHours: "closed_only",
            defaultLanguage: "pt",
            aiDisclosure: false,
            systemMessages: {
              pt: { aiDisclosure: "Você fala com um assistente.", awayBack: "Voltamos {when}." },
              en: { away: "   " },
            },
          },
        },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.data.workspaces[0]?.bot).toEqual({
      timezone: "America/Sao_Paulo",
      // Stored as the bot settings page stores it: ranges in order.
      businessHours: { "1": ["08:00-12:00", "14:00-18:00"], "6": ["08:00-24:00"] },
      outsideHours: "closed_only",
      defaultLanguage: "pt",
      aiDisclosure: false,
      // Empty wording means Parley's default, as on the settings page.
      systemMessages: {
        pt: { aiDisclosure: "Você fala com um assistente.", awayBack: "Voltamos {when}." },
      },
    });
  });

  it("names the workspace and the field of every bad bot setting", () => {
    const problems = problemsOf({
      workspaces: [
        valid.workspaces[0],
        {
          name: "Padaria Pinheiros",
          whatsapp: { phoneNumberId: "5511912345678" },
          bot: {
            outsideHours: "never",
            defaultLanguage: "xx",
            aiDisclosure: "yes",
            systemMessages: { xx: { away: "Fechado" }, pt: { farewell: "Tchau" } },
            businessHours: { "8": ["09:00-18:00"], "2": ["9am-5pm"] },
          },
        },
      ],
    });
    expect(problems.every((p) => p.workspace === "Padaria Pinheiros")).toBe(true);
    expect(problems.map((p) => p.path).sort()).toEqual([
      "workspaces[1].bot.aiDisclosure",
      "workspaces[1].bot.businessHours",
      "workspaces[1].bot.businessHours.2[0]",
      "workspaces[1].bot.defaultLanguage",
      "workspaces[1].bot.outsideHours",
      "workspaces[1].bot.systemMessages",
      "workspaces[1].bot.systemMessages.pt",
    ]);
    const outside = problems.find((p) => p.path.endsWith("outsideHours"));
    expect(outside && describeImportProblem(outside)).toBe(
      "workspaces[1].bot.outsideHours: Choose what the bot does outside business hours. (workspace “Padaria Pinheiros”)",
    );
  });

  it("checks opening ranges by the settings page's rules", () => {
    const withHours = (businessHours: unknown) => ({
      workspaces: [{ name: "A", whatsapp: { phoneNumberId: "12345678" }, bot: { businessHours } }],
    });
    expect(problemsOf(withHours({ "3": ["18:00-09:00"] }))[0]).toMatchObject({
      path: "workspaces[0].bot.businessHours.3[0].to",
      message: expect.stringMatching(/after opening time/),
    });
    expect(problemsOf(withHours({ "3": ["09:00-13:00", "12:00-18:00"] }))[0]?.message).toMatch(
      /Overlaps/,
    );
    const cleared = validateTenantImport(withHours(null));
    expect(cleared.ok && cleared.data.workspaces[0]?.bot?.businessHours).toBeNull();
  });
});
