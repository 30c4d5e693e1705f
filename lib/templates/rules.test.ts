import { describe, expect, it } from "vitest";
import { type TemplateDraft, templateDraftSchema } from "@/lib/validations/template";
import { createTemplatePayload, draftFromTemplate } from "./payload";
import { checkTemplateDraft, parameterFormat, variablesIn } from "./rules";

const base: TemplateDraft = {
  name: "order_ready",
  language: "en_US",
  category: "UTILITY",
  header: { kind: "none" },
  body: "Hi {{1}}, your order {{2}} is ready for pickup.",
  examples: { "1": "Ana", "2": "#1042" },
  footer: "",
  buttons: [],
};

const problems = (patch: Partial<TemplateDraft>) =>
  checkTemplateDraft({ ...base, ...patch }).map((p) => `${p.path.join(".")}: ${p.message}`);

describe("template rules, as Meta checks them", () => {
  it("accepts a well-formed template", () => {
    expect(problems({})).toEqual([]);
  });

  it("names must be lower-case letters, digits and underscores", () => {
    expect(problems({ name: "Order Ready" })[0]).toMatch(/^name: Use only lower-case/);
    expect(problems({ name: "" })[0]).toMatch(/^name: Give the template a name/);
    expect(problems({ name: "a".repeat(513) })[0]).toMatch(/at most 512/);
  });

  it("refuses an unknown language", () => {
    expect(problems({ language: "xx" })[0]).toMatch(/^language:/);
  });

  it("numbered variables run from {{1}} without gaps", () => {
    expect(
      problems({ body: "Hi {{1}}, order {{3}} is ready.", examples: { "1": "a", "3": "b" } }),
    ).toEqual([expect.stringMatching(/^body: .*\{\{3\}\} should be \{\{2\}\}/)]);
  });

  it("does not mix named and numbered variables", () => {
    expect(
      problems({
        body: "Hi {{first_name}}, order {{1}} is ready.",
        examples: { first_name: "Ana", "1": "x" },
      })[0],
    ).toMatch(/either numbered or named/);
  });

  it("refuses a body that starts or ends with a variable, and side-by-side variables", () => {
    expect(problems({ body: "{{1}} your order {{2}} is ready" })[0]).toMatch(/starts or ends/);
    expect(problems({ body: "Your order is ready, {{1}}.", examples: { "1": "Ana" } })[0]).toMatch(
      /starts or ends/,
    );
    expect(problems({ body: "Hi {{1}} {{2}} is ready." })[0]).toMatch(/side by side/);
  });

  it("needs an example for every variable", () => {
    expect(problems({ examples: { "1": "Ana" } })).toEqual([
      "examples.2: Give an example for {{2}}: WhatsApp reviews it.",
    ]);
  });

  it("holds the header, body and footer to Meta's lengths and forms", () => {
    expect(problems({ body: `Hi ${"x".repeat(1025)}` })[0]).toMatch(/^body: .*1024/);
    expect(problems({ header: { kind: "text", text: "x".repeat(61), example: "" } })[0]).toMatch(
      /^header.text: .*60/,
    );
    expect(
      problems({ header: { kind: "text", text: "Order {{1}} for {{2}}", example: "a" } })[0],
    ).toMatch(/at most one variable/);
    expect(problems({ header: { kind: "text", text: "Order {{1}}", example: "" } })).toEqual([
      "header.example: Give an example for the header's {{1}}.",
    ]);
    expect(problems({ header: { kind: "text", text: "🎉 Sale", example: "" } })[0]).toMatch(
      /emoji/,
    );
    expect(problems({ footer: "Reply {{1}}" })[0]).toMatch(
      /^footer: A footer cannot have variables/,
    );
  });

  it("needs an uploaded sample for a media header", () => {
    expect(problems({ header: { kind: "image", handle: "" } })).toEqual([
      "header.handle: Upload a sample image for WhatsApp's review.",
    ]);
    expect(problems({ header: { kind: "video", handle: "4::abc" } })).toEqual([]);
  });

  it("checks buttons: counts, labels, links, numbers and copy codes", () => {
    const qr = (text: string) => ({ type: "QUICK_REPLY" as const, text });
    expect(problems({ buttons: Array.from({ length: 11 }, (_, i) => qr(`b${i}`)) })[0]).toMatch(
      /At most 10 buttons/,
    );
    expect(problems({ buttons: [qr("Yes"), qr("yes")] })[0]).toMatch(/same label/);
    expect(problems({ buttons: [qr("x".repeat(26))] })[0]).toMatch(/at most 25/);
    expect(
      problems({
        buttons: [{ type: "URL", text: "Track", url: "shop.example/track", example: "" }],
      })[0],
    ).toMatch(/^buttons.0.url: Give a full web address/);
    expect(
      problems({
        buttons: [{ type: "URL", text: "Track", url: "https://shop.example/{{1}}/x", example: "" }],
      })[0],
    ).toMatch(/one variable, \{\{1\}\}, at its very end/);
    expect(
      problems({
        buttons: [
          { type: "URL", text: "Track", url: "https://shop.example/t/{{1}}", example: "x" },
        ],
      })[0],
    ).toMatch(/^buttons.0.example: Give the whole example link/);
    expect(
      problems({ buttons: [{ type: "PHONE_NUMBER", text: "Call us", phone: "0700123456" }] })[0],
    ).toMatch(/country code/);
    expect(problems({ buttons: [{ type: "COPY_CODE", example: "SAVE10" }] })[0]).toMatch(
      /only allowed in marketing/,
    );
    expect(
      problems({ category: "MARKETING", buttons: [{ type: "COPY_CODE", example: "SAVE10" }] }),
    ).toEqual([]);
  });

  it("reports problems through the form's schema under each field", () => {
    const parsed = templateDraftSchema.safeParse({ ...base, name: "Bad Name", examples: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([
      "name",
      "examples.1",
      "examples.2",
    ]);
  });
});

describe("template payloads", () => {
  it("builds Meta's create body with numbered examples in order and grouped buttons", () => {
    const payload = createTemplatePayload({
      ...base,
      header: { kind: "text", text: "Order {{1}}", example: "#1042" },
      footer: "Kassangas Music Shop",
      buttons: [
        {
          type: "URL",
          text: "Track",
          url: "https://shop.example/t/{{1}}",
          example: "https://shop.example/t/1042",
        },
        { type: "QUICK_REPLY", text: "Thanks" },
        { type: "PHONE_NUMBER", text: "Call us", phone: "+254 700 123456" },
      ],
    });
    expect(payload).toEqual({
      name: "order_ready",
      language: "en_US",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [
        {
          type: "HEADER",
          format: "TEXT",
          text: "Order {{1}}",
          example: { header_text: ["#1042"] },
        },
        {
          type: "BODY",
          text: "Hi {{1}}, your order {{2}} is ready for pickup.",
          example: { body_text: [["Ana", "#1042"]] },
        },
        { type: "FOOTER", text: "Kassangas Music Shop" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Thanks" },
            {
              type: "URL",
              text: "Track",
              url: "https://shop.example/t/{{1}}",
              example: ["https://shop.example/t/1042"],
            },
            { type: "PHONE_NUMBER", text: "Call us", phone_number: "+254700123456" },
          ],
        },
      ],
    });
  });

  it("builds named examples for named variables", () => {
    const draft = {
      ...base,
      body: "Hi {{first_name}}, your order {{order_id}} is ready.",
      examples: { first_name: "Ana", order_id: "1042" },
    };
    expect(parameterFormat(draft)).toBe("NAMED");
    expect(createTemplatePayload(draft).components[0]).toEqual({
      type: "BODY",
      text: draft.body,
      example: {
        body_text_named_params: [
          { param_name: "first_name", example: "Ana" },
          { param_name: "order_id", example: "1042" },
        ],
      },
    });
  });

  it("reads a stored template back as the same draft", () => {
    const draft: TemplateDraft = {
      ...base,
      category: "MARKETING",
      header: { kind: "text", text: "Sale", example: "" },
      footer: "Reply STOP to opt out",
      buttons: [
        { type: "QUICK_REPLY", text: "Yes" },
        { type: "COPY_CODE", example: "SAVE10" },
      ],
    };
    const { name, language, category, components } = createTemplatePayload(draft);
    expect(draftFromTemplate({ name, language, category, components })).toEqual(draft);
    expect(variablesIn("a {{1}} b {{ 2 }} {{1}}")).toEqual(["1", "2"]);
  });
});
