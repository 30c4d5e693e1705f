import { z } from "zod";
import type { TemplateButton, TemplateDraft } from "@/lib/validations/template";
import { parameterFormat, variablesIn } from "./rules";

// A draft as Meta's template calls take it (POST /{waba}/message_templates, POST /{template-id}),
// and back: a stored template's components as a draft to edit.

type Component = Record<string, unknown>;

function headerComponent(draft: TemplateDraft, named: boolean): Component | null {
  const h = draft.header;
  if (h.kind === "none") return null;
  if (h.kind !== "text") {
    return { type: "HEADER", format: h.kind.toUpperCase(), example: { header_handle: [h.handle] } };
  }
  const [key] = variablesIn(h.text);
  return {
    type: "HEADER",
    format: "TEXT",
    text: h.text,
    ...(key &&
      (named
        ? { example: { header_text_named_params: [{ param_name: key, example: h.example }] } }
        : { example: { header_text: [h.example] } })),
  };
}

function bodyComponent(draft: TemplateDraft, named: boolean): Component {
  const keys = variablesIn(draft.body);
  const example = (k: string) => draft.examples[k] ?? "";
  if (keys.length === 0) return { type: "BODY", text: draft.body };
  return {
    type: "BODY",
    text: draft.body,
    example: named
      ? { body_text_named_params: keys.map((k) => ({ param_name: k, example: example(k) })) }
      : { body_text: [[...keys].sort((a, b) => Number(a) - Number(b)).map(example)] },
  };
}

function buttonPayload(b: TemplateButton): Component {
  switch (b.type) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: b.text };
    case "URL":
      return {
        type: "URL",
        text: b.text,
        url: b.url,
        ...(variablesIn(b.url).length > 0 && { example: [b.example] }),
      };
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text: b.text, phone_number: b.phone.replace(/[\s()-]/g, "") };
    case "COPY_CODE":
      return { type: "COPY_CODE", example: b.example };
  }
}

/** The components of Meta's create and edit calls, with the examples its review needs. */
export function templateComponents(draft: TemplateDraft): Component[] {
  const named = parameterFormat(draft) === "NAMED";
  const header = headerComponent(draft, named);
  // Meta wants quick replies grouped together, apart from the call-to-action buttons.
  const buttons = [
    ...draft.buttons.filter((b) => b.type === "QUICK_REPLY"),
    ...draft.buttons.filter((b) => b.type !== "QUICK_REPLY"),
  ];
  return [
    ...(header ? [header] : []),
    bodyComponent(draft, named),
    ...(draft.footer ? [{ type: "FOOTER", text: draft.footer }] : []),
    ...(buttons.length > 0 ? [{ type: "BUTTONS", buttons: buttons.map(buttonPayload) }] : []),
  ];
}

/** The body of `POST /{waba-id}/message_templates`. */
export function createTemplatePayload(draft: TemplateDraft) {
  return {
    name: draft.name,
    language: draft.language,
    category: draft.category,
    parameter_format: parameterFormat(draft),
    components: templateComponents(draft),
  };
}

const stored = z.array(
  z.looseObject({
    type: z.string(),
    format: z.string().optional(),
    text: z.string().optional(),
    example: z
      .looseObject({
        header_text: z.array(z.string()).optional(),
        header_text_named_params: z
          .array(z.looseObject({ param_name: z.string(), example: z.string() }))
          .optional(),
        header_handle: z.array(z.string()).optional(),
        body_text: z.array(z.array(z.string())).optional(),
        body_text_named_params: z
          .array(z.looseObject({ param_name: z.string(), example: z.string() }))
          .optional(),
      })
      .optional(),
    buttons: z
      .array(
        z.looseObject({
          type: z.string(),
          text: z.string().optional(),
          url: z.string().optional(),
          phone_number: z.string().optional(),
          example: z.union([z.array(z.string()), z.string()]).optional(),
        }),
      )
      .optional(),
  }),
);

/** A stored template as the form edits it; null when it has parts the form cannot show. */
export function draftFromTemplate(t: {
  name: string;
  language: string;
  category: string | null;
  components: unknown;
}): TemplateDraft | null {
  const parsed = stored.safeParse(t.components);
  if (!parsed.success) return null;
  const part = (type: string) => parsed.data.find((c) => c.type.toUpperCase() === type);
  if (
    parsed.data.some((c) => !["HEADER", "BODY", "FOOTER", "BUTTONS"].includes(c.type.toUpperCase()))
  )
    return null;
  const category = t.category?.toUpperCase();
  if (category !== "MARKETING" && category !== "UTILITY") return null;
  const h = part("HEADER");
  const format = h?.format?.toUpperCase() ?? "TEXT";
  let header: TemplateDraft["header"] = { kind: "none" };
  if (h && format === "TEXT") {
    header = {
      kind: "text",
      text: h.text ?? "",
      example:
        h.example?.header_text?.[0] ?? h.example?.header_text_named_params?.[0]?.example ?? "",
    };
  } else if (h && ["IMAGE", "VIDEO", "DOCUMENT"].includes(format)) {
    header = {
      kind: format.toLowerCase() as "image" | "video" | "document",
      handle: h.example?.header_handle?.[0] ?? "",
    };
  } else if (h) return null;
  const body = part("BODY");
  const examples: Record<string, string> = {};
  const named = body?.example?.body_text_named_params;
  if (named) for (const p of named) examples[p.param_name] = p.example;
  const positional = body?.example?.body_text?.[0] ?? [];
  positional.forEach((value, i) => {
    examples[String(i + 1)] = value;
  });
  const buttons: TemplateButton[] = [];
  for (const b of part("BUTTONS")?.buttons ?? []) {
    const example = Array.isArray(b.example) ? (b.example[0] ?? "") : (b.example ?? "");
    const type = b.type.toUpperCase();
    if (type === "QUICK_REPLY") buttons.push({ type, text: b.text ?? "" });
    else if (type === "URL") buttons.push({ type, text: b.text ?? "", url: b.url ?? "", example });
    else if (type === "PHONE_NUMBER")
      buttons.push({ type, text: b.text ?? "", phone: b.phone_number ?? "" });
    else if (type === "COPY_CODE") buttons.push({ type, example });
    else return null;
  }
  return {
    name: t.name,
    language: t.language,
    category,
    header,
    body: body?.text ?? "",
    examples,
    footer: part("FOOTER")?.text ?? "",
    buttons,
  };
}
