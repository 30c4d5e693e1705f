import type { TemplateDraft } from "@/lib/validations/template";
import { TEMPLATE_LANGUAGES } from "./languages";

// Meta's rules for a new or edited template, checked before it is sent so the owner reads every
// problem beside its field instead of a refusal from WhatsApp. Limits follow Meta's template
// documentation (Graph API message_templates): name, header, body, footer and button sizes,
// variable numbering and examples.

export const TEMPLATE_LIMITS = {
  name: 512,
  header: 60,
  body: 1024,
  footer: 60,
  buttonText: 25,
  buttons: 10,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
  url: 2000,
  phone: 20,
  copyCode: 15,
  example: 200,
} as const;

export type DraftProblem = { path: (string | number)[]; message: string };

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAMED = /^[a-z][a-z0-9_]*$/;
const NUMBERED = /^[1-9]\d*$/;

/** The variables a text uses, each once, in the order they first appear. */
export function variablesIn(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(VARIABLE)) {
    const key = m[1] ?? "";
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** NAMED when the template uses {{first_name}}-style variables, else POSITIONAL ({{1}}). */
export function parameterFormat(
  draft: Pick<TemplateDraft, "header" | "body">,
): "NAMED" | "POSITIONAL" {
  const keys = [...variablesIn(draft.body), ...headerVariables(draft)];
  return keys.some((k) => NAMED.test(k)) ? "NAMED" : "POSITIONAL";
}

const headerVariables = (draft: Pick<TemplateDraft, "header">) =>
  draft.header.kind === "text" ? variablesIn(draft.header.text) : [];

const EMOJI = /\p{Extended_Pictographic}/u;

function checkVariables(
  text: string,
  where: string,
  path: (string | number)[],
  format: "NAMED" | "POSITIONAL",
  problems: DraftProblem[],
) {
  const keys = variablesIn(text);
  for (const key of keys) {
    if (!NAMED.test(key) && !NUMBERED.test(key)) {
      problems.push({
        path,
        message: `{{${key}}} is not a variable WhatsApp accepts: use numbers ({{1}}, {{2}}) or lower-case names ({{first_name}}).`,
      });
      return;
    }
  }
  if (format === "NAMED" && keys.some((k) => NUMBERED.test(k))) {
    problems.push({
      path,
      message: `Use either numbered or named variables, not both, in the whole template.`,
    });
    return;
  }
  if (format === "POSITIONAL") {
    const numbers = keys.map(Number).sort((a, b) => a - b);
    const gap = numbers.findIndex((n, i) => n !== i + 1);
    if (gap !== -1) {
      problems.push({
        path,
        message: `The ${where}'s numbered variables must run {{1}}, {{2}}, {{3}}… without gaps; {{${numbers[gap]}}} should be {{${gap + 1}}}.`,
      });
    }
  }
}

export function checkTemplateDraft(draft: TemplateDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const L = TEMPLATE_LIMITS;

  if (!draft.name) add(["name"], "Give the template a name.");
  else if (draft.name.length > L.name)
    add(["name"], `The name may have at most ${L.name} characters.`);
  else if (!/^[a-z0-9_]+$/.test(draft.name))
    add(
      ["name"],
      "Use only lower-case letters, digits and underscores (for example order_update), as WhatsApp requires.",
    );
  if (!TEMPLATE_LANGUAGES.some((l) => l.code === draft.language))
    add(["language"], "Choose one of the languages WhatsApp supports.");

  const format = parameterFormat(draft);
  const header = draft.header;
  if (header.kind === "text") {
    if (!header.text) add(["header", "text"], "Write the header, or choose no header.");
    else if (header.text.length > L.header)
      add(["header", "text"], `The header may have at most ${L.header} characters.`);
    else if (/\n/.test(header.text)) add(["header", "text"], "The header must be one line.");
    else if (EMOJI.test(header.text) || /[*_~`]/.test(header.text))
      add(["header", "text"], "WhatsApp does not allow emoji or formatting (*, _, ~) in a header.");
    const keys = variablesIn(header.text);
    if (keys.length > 1) add(["header", "text"], "A header may have at most one variable.");
    else checkVariables(header.text, "header", ["header", "text"], format, problems);
    if (keys.length === 1 && !header.example)
      add(["header", "example"], `Give an example for the header's {{${keys[0]}}}.`);
  } else if (header.kind !== "none" && !header.handle) {
    add(["header", "handle"], `Upload a sample ${header.kind} for WhatsApp's review.`);
  }

  const body = draft.body;
  if (!body) add(["body"], "Write the message text.");
  else if (body.length > L.body)
    add(["body"], `The message may have at most ${L.body} characters.`);
  else {
    checkVariables(body, "message", ["body"], format, problems);
    const trimmed = body.trim();
    if (/^\{\{[^{}]*\}\}/.test(trimmed) || /\{\{[^{}]*\}\}[.!?]?$/.test(trimmed))
      add(
        ["body"],
        "WhatsApp rejects a message that starts or ends with a variable: add words before and after it.",
      );
    else if (/\}\}\s*\{\{/.test(body))
      add(["body"], "Two variables may not stand side by side: put words between them.");
    if (/\n{3,}/.test(body)) add(["body"], "Use at most one empty line in a row.");
  }
  for (const key of variablesIn(body)) {
    const example = draft.examples[key] ?? "";
    if (!example) add(["examples", key], `Give an example for {{${key}}}: WhatsApp reviews it.`);
    else if (example.length > L.example)
      add(["examples", key], `An example may have at most ${L.example} characters.`);
    else if (/\n/.test(example)) add(["examples", key], "An example must be one line.");
  }

  if (draft.footer.length > L.footer)
    add(["footer"], `The footer may have at most ${L.footer} characters.`);
  else if (variablesIn(draft.footer).length > 0) add(["footer"], "A footer cannot have variables.");

  const buttons = draft.buttons;
  if (buttons.length > L.buttons) add(["buttons"], `At most ${L.buttons} buttons.`);
  const count = (type: string) => buttons.filter((b) => b.type === type).length;
  if (count("URL") > L.urlButtons) add(["buttons"], `At most ${L.urlButtons} link buttons.`);
  if (count("PHONE_NUMBER") > L.phoneButtons) add(["buttons"], "At most one call button.");
  if (count("COPY_CODE") > L.copyCodeButtons) add(["buttons"], "At most one copy-code button.");
  if (count("COPY_CODE") > 0 && draft.category !== "MARKETING")
    add(["buttons"], "A copy-code button is only allowed in marketing templates.");
  const labels = new Set<string>();
  buttons.forEach((b, i) => {
    if (b.type === "COPY_CODE") {
      if (!b.example) add(["buttons", i, "example"], "Give an example code.");
      else if (b.example.length > L.copyCode)
        add(["buttons", i, "example"], `A code may have at most ${L.copyCode} characters.`);
      return;
    }
    if (!b.text) add(["buttons", i, "text"], "Write the button's label.");
    else if (b.text.length > L.buttonText)
      add(["buttons", i, "text"], `A button label may have at most ${L.buttonText} characters.`);
    else if (labels.has(b.text.toLowerCase()))
      add(["buttons", i, "text"], "Two buttons may not have the same label.");
    labels.add(b.text.toLowerCase());
    if (b.type === "URL") {
      const vars = variablesIn(b.url);
      let url: URL | null = null;
      try {
        url = new URL(b.url.replace(VARIABLE, "x"));
      } catch {}
      if (!url || !/^https?:$/.test(url.protocol))
        add(["buttons", i, "url"], "Give a full web address starting with https://.");
      else if (b.url.length > L.url)
        add(["buttons", i, "url"], `A link may have at most ${L.url} characters.`);
      else if (vars.length > 1 || (vars.length === 1 && !/\{\{\s*1\s*\}\}$/.test(b.url)))
        add(["buttons", i, "url"], "A link may have one variable, {{1}}, at its very end.");
      else if (vars.length === 1) {
        const prefix = b.url.replace(/\{\{\s*1\s*\}\}$/, "");
        if (!b.example.startsWith(prefix) || b.example.length <= prefix.length)
          add(
            ["buttons", i, "example"],
            `Give the whole example link, starting with ${prefix} and with the {{1}} part filled in.`,
          );
      }
    }
    if (b.type === "PHONE_NUMBER" && !/^\+[1-9]\d{6,18}$/.test(b.phone.replace(/[\s()-]/g, "")))
      add(
        ["buttons", i, "phone"],
        "Give the number with + and the country code, e.g. +254700123456.",
      );
  });
  return problems;
}
