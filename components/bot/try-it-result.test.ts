import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TryView } from "@/lib/bot/try-bot";
import { TryItChat } from "./try-it-chat";
import { TryItWhy } from "./try-it-why";

const base = {
  steps: ["The bot is switched on."],
  replies: [],
  text: null,
  language: { code: "en" as const, name: "English", detected: false },
  threshold: 0.96,
  aiAnswers: true,
};
const addWording = async () => ({ ok: true as const, data: { added: [], full: 0 } });
const render = (view: TryView, question = "do you fix bikes?") =>
  renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement("div", null, [
        createElement(TryItChat, { key: "chat", question, view }),
        createElement(TryItWhy, { key: "why", slug: "bike-shop", question, view, addWording }),
      ]),
    ),
  );

// The result as the page shows it, for the ids the end-to-end tests drive and the links it gives.
describe("Try it result", () => {
  it("an FAQ match: the bubbles, the score against the threshold, and a link to edit it", () => {
    const html = render({
      ...base,
      outcome: "faq",
      replies: [
        { kind: "welcome", text: "Welcome!" },
        { kind: "answer", text: "We are *open* 9-18." },
      ],
      text: "Welcome!\n\nWe are *open* 9-18.",
      faq: { id: "f1", question: "Opening hours?", score: 0.973, threshold: 0.96 },
    });
    expect(html).toContain('data-testid="try-outcome" data-outcome="faq"');
    expect(html.match(/data-testid="try-reply"/g)).toHaveLength(2);
    expect(html).toContain("<strong>open</strong>");
    expect(html).toMatch(/data-testid="try-faq-score"[\s\S]*<strong>97%<\/strong> \(needs 96%\)/);
    // Once, in plain words: how sure the bot must be, and how to make it answer.
    expect(html.match(/data-testid="try-threshold"/g)).toHaveLength(1);
    expect(html).toMatch(/at least 96% sure[\s\S]*other wordings/);
    expect(html).toContain('href="/bike-shop/faqs?edit=f1"');
    expect(html).not.toContain('data-testid="try-rule"');
  });

  it("no match: the AI's model and cost, the closest FAQs, and a link to add the question", () => {
    const html = render({
      ...base,
      outcome: "ai",
      replies: [{ kind: "answer", text: "Yes, we do." }],
      text: "Yes, we do.",
      ai: {
        model: "gpt-4o-mini",
        provider: "openai",
        promptTokens: 120,
        completionTokens: 8,
        costMicros: 23,
        latencyMs: 812,
      },
      near: [{ id: "f2", question: "Do you sell bikes?", score: 0.41 }],
    });
    expect(html).toMatch(
      /data-testid="try-ai-model"[\s\S]*gpt-4o-mini[\s\S]*120 in, 8 out[\s\S]*\$0\.000023/,
    );
    expect(html).toMatch(
      /data-testid="try-near"[\s\S]*Do you sell bikes\?[\s\S]*41% \(needs 96%\)/,
    );
    expect(html).toContain('href="/bike-shop/faqs?new=do%20you%20fix%20bikes%3F"');
  });

  it("the candidates: each score and the signals that found it, and the language read", () => {
    const html = render(
      {
        ...base,
        outcome: "fallback",
        language: { code: "pt", name: "Português", detected: true },
        near: [{ id: "f1", question: "Opening hours?", score: 0.41 }],
        candidates: [
          { id: "f1", question: "Opening hours?", score: 0.82, signals: ["semantic", "keyword"] },
          { id: "f2", question: "Do you sell bikes?", score: 0.41, signals: ["lexical"] },
        ],
      },
      "vocês abrem no domingo?",
    );
    expect(html).toMatch(
      /data-testid="try-language" data-language="pt">Read as <strong>Português<\/strong>, detected/,
    );
    expect(html.match(/data-testid="try-candidate"/g)).toHaveLength(2);
    expect(html).toMatch(
      /Opening hours\?[\s\S]*82% \(needs 96%\)[\s\S]*Same meaning[\s\S]*Keyword[\s\S]*Do you sell bikes\?[\s\S]*41% \(needs 96%\)[\s\S]*Same words/,
    );
    // The closest entry can take the question as another wording, or it becomes a new entry.
    expect(html).toMatch(
      /data-testid="try-add-wording"[^>]*>Add as another wording of “Opening hours\?”/,
    );
    expect(html).toMatch(/data-testid="try-add-faq"[^>]*>New FAQ entry/);
    // The candidates replace the plain list of the closest entries.
    expect(html).not.toContain('data-testid="try-near"><p class="text-zinc-600">No FAQ matched');
    expect(html).toContain('href="/bike-shop/faqs?edit=f2"');
  });

  it("a question already one of an entry's wordings is not offered as a new one", () => {
    const html = render(
      {
        ...base,
        outcome: "fallback",
        near: [{ id: "f1", question: "Opening hours?", score: 0.41 }],
        wordingOf: { id: "f1", question: "Opening hours?", active: false },
      },
      "when do you open",
    );
    expect(html).not.toContain('data-testid="try-add-faq"');
    expect(html).not.toContain('data-testid="try-add-wording"');
    expect(html).toMatch(
      /data-testid="try-already-wording"[\s\S]*Opening hours\?[\s\S]*switched off/,
    );
  });

  it("a greeting reply is small talk, not a stopped answer", () => {
    const html = render(
      {
        ...base,
        outcome: "small_talk",
        replies: [{ kind: "small_talk", text: "Hi! How can I help you?" }],
        text: "Hi! How can I help you?",
        rule: { reason: "small_talk", explanation: "Greetings get a short reply." },
      },
      "hi",
    );
    expect(html).toMatch(/data-outcome="small_talk"[^>]*>Small talk, no FAQ needed/);
    expect(html).toContain("A greeting reply: small talk, no FAQ needed");
    expect(html).not.toContain("What stopped the answer");
    expect(html).not.toContain("A notice, no answer");
  });

  it("a stop: nothing sent, and the rule", () => {
    const html = render({
      ...base,
      outcome: "stopped",
      rule: { reason: "opted_out", explanation: "This customer opted out." },
    });
    expect(html).toContain('data-outcome="stopped"');
    expect(html).toContain("The bot sends nothing.");
    expect(html).toMatch(/data-testid="try-rule"[\s\S]*What stopped the answer[\s\S]*opted out/);
    expect(html).not.toContain('data-testid="try-reply"');
  });
});
