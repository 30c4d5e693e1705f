import { describe, expect, it } from "vitest";
import { validateTenantImport } from "./tenant-import";

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
});
