import type { Template } from "./graph-schemas";

// Message templates as the inbox offers them: the text a person reads, the parameters to fill in,
// and the components Meta's send call expects (notes/meta-whatsapp-api.md, "type": "template").

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const PLAIN_PARTS = new Set(["HEADER", "BODY", "FOOTER", "BUTTONS"]);
const PLAIN_BUTTONS = new Set(["QUICK_REPLY", "URL", "PHONE_NUMBER"]);
const HAS_PLACEHOLDER = /\{\{\s*[A-Za-z0-9_]+\s*\}\}/;

export type TemplateParam = { component: "header" | "body"; key: string };

export type InboxTemplate = {
  name: string;
  language: string;
  category: string | null;
  header: string | null;
  body: string;
  footer: string | null;
  buttons: string[];
  params: TemplateParam[];
  /** Named ({{first_name}}) rather than positional ({{1}}) parameters. */
  named: boolean;
};

export type UnsendableReason =
  | "not_approved"
  | "media_header"
  | "link_parameter"
  | "code_button"
  | "no_body"
  | "other_parts";

// Buttons whose value is only given when sending: a coupon's copy-code button, a one-time code's.
const CODE_BUTTONS = new Set(["COPY_CODE", "OTP"]);

function placeholders(text: string | undefined): string[] {
  const keys: string[] = [];
  for (const match of (text ?? "").matchAll(PLACEHOLDER)) {
    const key = match[1];
    if (key && !keys.includes(key)) keys.push(key);
  }
  // Positional parameters are sent in number order whatever order the text uses them in.
  return keys.every((k) => /^\d+$/.test(k)) ? keys.sort((a, b) => Number(a) - Number(b)) : keys;
}

/**
 * The template as the inbox can send it, or why it cannot: only approved templates with a text
 * (or no) header, no link parameter and no code button are offered, since those need files, URLs
 * or codes to send.
 */
export function toInboxTemplate(t: Template): InboxTemplate | UnsendableReason {
  if (t.status.toUpperCase() !== "APPROVED") return "not_approved";
  return describeTemplate(t);
}

/**
 * The template's parts and parameters whatever its review status, so a template still waiting
 * for approval can be shown as it will read; or why it could not be sent once approved.
 */
export function describeTemplate(
  t: Template,
): InboxTemplate | Exclude<UnsendableReason, "not_approved"> {
  const part = (type: string) => t.components?.find((c) => c.type.toUpperCase() === type);
  // Only the parts the inbox fills in are allowed; carousels, offers, catalogs and flows need
  // parameters of their own.
  if (t.components?.some((c) => !PLAIN_PARTS.has(c.type.toUpperCase()))) return "other_parts";
  const header = part("HEADER");
  if (header && (header.format ?? "TEXT").toUpperCase() !== "TEXT") return "media_header";
  const buttons = part("BUTTONS")?.buttons ?? [];
  if (
    buttons.some(
      (b) => !PLAIN_BUTTONS.has(b.type.toUpperCase()) && !CODE_BUTTONS.has(b.type.toUpperCase()),
    )
  )
    return "other_parts";
  if (buttons.some((b) => b.url && HAS_PLACEHOLDER.test(b.url))) return "link_parameter";
  if (buttons.some((b) => CODE_BUTTONS.has(b.type.toUpperCase()))) return "code_button";
  const body = part("BODY")?.text;
  if (!body) return "no_body";
  const headerKeys = placeholders(header?.text);
  const bodyKeys = placeholders(body);
  const named =
    t.parameter_format?.toUpperCase() === "NAMED" ||
    [...headerKeys, ...bodyKeys].some((k) => !/^\d+$/.test(k));
  return {
    name: t.name,
    language: t.language,
    category: t.category ?? null,
    header: header?.text ?? null,
    body,
    footer: part("FOOTER")?.text ?? null,
    buttons: buttons.map((b) => b.text ?? "").filter(Boolean),
    params: [
      ...headerKeys.map((key) => ({ component: "header" as const, key })),
      ...bodyKeys.map((key) => ({ component: "body" as const, key })),
    ],
    named,
  };
}

/** The composer's field for a parameter: `header.1`, `body.1`, `body.first_name`. */
export const templateField = (p: TemplateParam) => `${p.component}.${p.key}`;

/** Values keyed by `templateField`. */
export type TemplateValues = Record<string, string>;

/** The parameters left empty, by field key; an empty list means the template can be sent. */
export function missingParams(t: InboxTemplate, values: TemplateValues): string[] {
  return t.params.map(templateField).filter((field) => !values[field]?.trim());
}

function fill(text: string, component: "header" | "body", values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    const value = values[`${component}.${key}`]?.trim();
    return value ? value : whole;
  });
}

/** The message as the customer will read it: header, body and footer with the values in. */
export function renderTemplate(t: InboxTemplate, values: TemplateValues): string {
  return [t.header && fill(t.header, "header", values), fill(t.body, "body", values), t.footer]
    .filter((part): part is string => Boolean(part))
    .join("\n\n");
}

/** The `components` of Meta's template send: one text parameter per placeholder, in order. */
export function templateComponents(t: InboxTemplate, values: TemplateValues) {
  const components: Array<{
    type: "header" | "body";
    parameters: Array<{ type: "text"; text: string; parameter_name?: string }>;
  }> = [];
  for (const component of ["header", "body"] as const) {
    const params = t.params.filter((p) => p.component === component);
    if (params.length === 0) continue;
    components.push({
      type: component,
      parameters: params.map((p) => ({
        type: "text",
        text: values[templateField(p)]?.trim() ?? "",
        ...(t.named && { parameter_name: p.key }),
      })),
    });
  }
  return components;
}

/** Parameters as a caller gives them: a list in order, or values by name or number. */
export type TemplateParameters = string[] | Record<string, string>;

function describeParams(t: InboxTemplate) {
  if (t.params.length === 0) return "no parameters";
  const where = (component: "header" | "body") => {
    const keys = t.params.filter((p) => p.component === component).map((p) => `{{${p.key}}}`);
    return keys.length ? `${keys.join(", ")} in the ${component}` : null;
  };
  const count = t.params.length === 1 ? "1 parameter" : `${t.params.length} parameters`;
  return `${count}: ${[where("header"), where("body")].filter(Boolean).join("; ")}`;
}

/**
 * The composer's values for a template from the parameters a caller gave: a list fills the
 * placeholders in order (header first, then body); an object fills them by name (`first_name`)
 * or number (`1`), in the header and body alike, and `header.1` or `body.first_name` names one
 * part only. Every placeholder needs a value and every value a placeholder.
 */
export function valuesFromParameters(
  t: InboxTemplate,
  parameters: TemplateParameters | undefined,
): { ok: true; values: TemplateValues } | { ok: false; message: string } {
  const label = `The template “${t.name}” (${t.language}) takes ${describeParams(t)}`;
  const values: TemplateValues = {};
  if (Array.isArray(parameters)) {
    if (parameters.length !== t.params.length) {
      return {
        ok: false,
        message: `${label}; ${parameters.length} parameter${parameters.length === 1 ? " was" : "s were"} given.`,
      };
    }
    t.params.forEach((p, i) => {
      values[templateField(p)] = parameters[i] ?? "";
    });
  } else {
    const given = parameters ?? {};
    const unknown: string[] = [];
    // Names first, then the parts named explicitly, which take precedence.
    for (const [key, value] of Object.entries(given)) {
      if (/^(header|body)\./.test(key)) continue;
      const matching = t.params.filter((p) => p.key === key);
      if (matching.length === 0) unknown.push(key);
      for (const p of matching) values[templateField(p)] = value;
    }
    for (const [key, value] of Object.entries(given)) {
      if (!/^(header|body)\./.test(key)) continue;
      if (t.params.some((p) => templateField(p) === key)) values[key] = value;
      else unknown.push(key);
    }
    if (unknown.length > 0) {
      return {
        ok: false,
        message: `${label}; it has no ${unknown.map((k) => `“${k}”`).join(", ")}.`,
      };
    }
  }
  const missing = missingParams(t, values);
  if (missing.length > 0) {
    return {
      ok: false,
      message: `${label}; give a value for ${missing.map((f) => `“${f}”`).join(", ")}.`,
    };
  }
  return { ok: true, values };
}
