import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { WhatsAppPreview } from "@/components/bot/whatsapp-preview";
import type { ImportPreview } from "@/lib/faqs/import-faqs";
import { faqListQuerySchema } from "@/lib/validations/faq";

// The page's pieces rendered as the server first sends them, for the ids the end-to-end tests
// drive; the actions they call are not reached.
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ refresh: () => {}, replace: () => {} }),
}));

const { FaqToolbar } = await import("./_components/faq-toolbar");
const { FaqRow } = await import("./_components/faq-row");
const { FaqImportPreview } = await import("./_components/faq-import-preview");

const render = (node: ReactNode) =>
  renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, node));

const toolbar = {
  slug: "shop",
  q: "",
  sort: "priority" as const,
  editing: null,
  newQuestion: null,
  newExamples: [],
};

describe("FAQ page", () => {
  it("explains FAQs when there are none, and offers to add or import", () => {
    const html = render(createElement(FaqToolbar, { ...toolbar, empty: true }));
    expect(html).toContain('data-testid="faq-empty"');
    expect(html).toMatch(/data-testid="faq-new"[^>]*>Add your first question/);
    expect(html).toContain('data-testid="faq-import-open"');
    expect(html).not.toContain('data-testid="faq-export"');
  });

  it("shows search, sort, add, import and export above a list", () => {
    const html = render(createElement(FaqToolbar, { ...toolbar, empty: false, q: "hours" }));
    for (const id of ["faq-search", "faq-sort", "faq-new", "faq-import-open"])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('href="/shop/faqs/export"');
  });

  it("opens the form for a question a link asked to add, with the preview and counter", () => {
    const html = render(
      createElement(FaqToolbar, { ...toolbar, empty: false, newQuestion: "do you fix bikes?" }),
    );
    expect(html).toMatch(/data-testid="faq-question"[^>]*value="do you fix bikes\?"/);
    expect(html).not.toContain('data-testid="faq-example"');
    for (const id of ["faq-answer", "faq-keywords", "faq-priority", "faq-save", "faq-preview"])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('data-testid="faq-answer-count">0 / 4,096<');
  });

  it("opens the form with the other wordings a link gave, each removable", () => {
    const html = render(
      createElement(FaqToolbar, {
        ...toolbar,
        empty: false,
        newQuestion: "open on sunday?",
        newExamples: ["sunday opening times?", "r u open sundays"],
      }),
    );
    expect(html).toMatch(/data-testid="faq-question"[^>]*value="open on sunday\?"/);
    expect(html.match(/data-testid="faq-example"/g)).toHaveLength(2);
    expect(html).toContain("sunday opening times?");
    expect(html).toContain('aria-label="Remove “r u open sundays”"');
  });

  it("reads the other wordings of a new question from the address, and drops bad ones", () => {
    expect(
      faqListQuerySchema.parse({ new: "open on sunday?", example: ["sunday hours?", "a"] }).example,
    ).toEqual(["sunday hours?", "a"]);
    expect(faqListQuerySchema.parse({ new: "x", example: "one" }).example).toEqual(["one"]);
    expect(faqListQuerySchema.parse({ example: ["x".repeat(301)] }).example).toEqual([]);
    expect(faqListQuerySchema.parse({}).example).toEqual([]);
  });

  it("shows a row's answer formatted, its keywords, numbers and controls", () => {
    const html = render(
      createElement(FaqRow, {
        slug: "shop",
        faq: {
          id: "f1",
          question: "Opening hours?",
          answer: "*Mon-Fri* 9-18 <b>",
          keywords: ["hours", "open"],
          examples: ["when do you open?", "are you open now?", "open on sunday?"],
          priority: 3,
          active: false,
          hitCount: 0,
          lastMatched: "never",
        },
      }),
    );
    expect(html).toContain('data-state="inactive"');
    expect(html).toContain("<strong>Mon-Fri</strong> 9-18 &lt;b&gt;");
    expect(html).toContain("Priority 3 · 0 matches · last matched never");
    expect(html).toContain("Also asked as: when do you open? · are you open now? · and 1 more");
    expect(html).toContain('aria-checked="false"');
    for (const id of ["faq-active-toggle", "faq-edit", "faq-delete"])
      expect(html).toContain(`data-testid="${id}"`);
  });

  it("previews an import with each problem naming its row", () => {
    const preview: ImportPreview = {
      format: "csv",
      counts: { create: 1, update: 0, unchanged: 0 },
      rowCount: 2,
      problems: ["Row 3: answer is empty"],
      problemCount: 1,
      rows: [
        {
          row: 2,
          action: "create",
          question: "Hi?",
          answer: "Hello",
          keywords: [],
          examples: 2,
          priority: 0,
          active: true,
          errors: [],
        },
        {
          row: 3,
          action: "error",
          question: "Bad?",
          answer: "",
          keywords: [],
          examples: 0,
          priority: null,
          active: null,
          errors: ["answer is empty"],
        },
      ],
    };
    const html = render(createElement(FaqImportPreview, { preview }));
    expect(html).toContain('<li data-testid="faq-import-row-error">Row 3: answer is empty</li>');
    expect(html).toContain('data-testid="faq-import-preview"');
    expect(html.match(/data-testid="faq-import-preview-row"/g)).toHaveLength(2);
    expect(html.match(/\+ 2 other wordings/g)).toHaveLength(1);
  });

  it("renders the WhatsApp preview as elements, never as the user's HTML", () => {
    const html = renderToStaticMarkup(
      createElement(WhatsAppPreview, { text: '<img src=x onerror="alert(1)"> _hi_', testId: "p" }),
    );
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <em>hi</em>");
    expect(html).not.toContain("<img");
  });
});
