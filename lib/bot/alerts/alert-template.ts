import {
  type InboxTemplate,
  renderTemplate,
  templateComponents,
  type UnsendableReason,
} from "@/lib/whatsapp/templates";

// Staff alerts go out as an approved template: the escalation contact has usually not written to
// the business number in the last 24 hours, and outside that window WhatsApp refuses free text
// (131047). What Parley puts into a template's numbered body variables is fixed, so that any
// template the owner picks reads the same way.

/** What Parley fills in, in order: body {{1}} to {{4}}. A template may use fewer, from {{1}}. */
export const ALERT_FILLS = [
  { label: "your business name", example: "Kassangas Music Shop" },
  { label: "why a person is needed", example: "the customer asked for a person" },
  { label: "the customer's name and number", example: "Ana +254700123456" },
  { label: "the customer's last message", example: "Do you repair guitars?" },
] as const;

/** Parley's own alert template, offered when the number has none that fits. */
export const PARLEY_ALERT_TEMPLATE = {
  name: "parley_staff_alert",
  language: "en",
  category: "UTILITY",
  // Meta refuses a body that starts or ends with a variable.
  body: "A conversation at {{1}} needs a person because {{2}}.\nCustomer: {{3}}\nLast message: {{4}}\nOpen the inbox to reply.",
} as const;

/** The components of Meta's create call for Parley's template, with the example Meta requires. */
export function parleyAlertComponents() {
  return [
    {
      type: "BODY",
      text: PARLEY_ALERT_TEMPLATE.body,
      example: { body_text: [ALERT_FILLS.map((f) => f.example)] },
    },
  ];
}

export type AlertFacts = {
  business: string;
  reason: string;
  customer: string;
  lastMessage: string | null;
};

// Meta refuses parameters with line breaks, tabs or long runs of spaces (132018), and empty ones.
function paramText(value: string | null, max: number, empty: string): string {
  const flat = (value ?? "").replace(/\s+/g, " ").trim();
  if (!flat) return empty;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The four values in ALERT_FILLS order, cleaned up as WhatsApp accepts them. */
export function alertValues(f: AlertFacts): string[] {
  return [
    paramText(f.business, 100, "Parley"),
    paramText(f.reason, 200, "a person is needed"),
    paramText(f.customer, 100, "unknown"),
    paramText(f.lastMessage, 300, "(no text)"),
  ];
}

const bodyValues = (values: readonly string[]) =>
  Object.fromEntries(values.map((v, i) => [`body.${i + 1}`, v]));

/** The send call's components for a template that passed `alertTemplateProblem`. */
export function alertComponents(t: InboxTemplate, values: readonly string[]) {
  return templateComponents(t, bodyValues(values));
}

/** The alert as the escalation contact will read it. */
export function previewAlert(t: InboxTemplate, values: readonly string[] = exampleValues()) {
  return renderTemplate(t, bodyValues(values));
}

/** Example details for a preview, with the business's own name when it is known. */
export const exampleValues = (business?: string) =>
  ALERT_FILLS.map((f, i) => (i === 0 && business?.trim() ? business.trim() : f.example));

const UNSENDABLE: Record<Exclude<UnsendableReason, "not_approved">, string> = {
  media_header:
    "Its header needs a picture, video or document, and Parley sends alerts as text only.",
  link_parameter: "One of its buttons needs a link filled in, and Parley fills only the message.",
  code_button: "It has a copy-code button that needs a code, and alerts have none.",
  other_parts: "It has parts Parley cannot fill (a carousel, catalogue, form or offer).",
  no_body: "It has no message text to carry the alert.",
};

const PLACES = ALERT_FILLS.map((f, i) => `{{${i + 1}}} ${f.label}`).join(", ");

/**
 * Why this template cannot carry staff alerts, in words for the owner; null when it can. Only the
 * template's shape is judged here; whether WhatsApp approved it is the caller's question.
 */
export function alertTemplateProblem(
  t: InboxTemplate | Exclude<UnsendableReason, "not_approved">,
): string | null {
  if (typeof t === "string") return UNSENDABLE[t];
  const category = t.category?.toUpperCase();
  if (category === "MARKETING") {
    return "It is a marketing template: WhatsApp may hold marketing messages back, so an alert could arrive late or not at all. Choose a utility template.";
  }
  if (category === "AUTHENTICATION") {
    return "It is a sign-in code template: it can only carry a one-time code.";
  }
  if (category && category !== "UTILITY") return "Only utility templates can carry alerts.";
  if (t.named) {
    return `It uses named variables such as {{first_name}}. Parley fills numbered ones: ${PLACES}.`;
  }
  if (t.params.some((p) => p.component === "header")) {
    return "Its title (header) has a variable, and Parley fills only the message text.";
  }
  const keys = t.params.map((p) => Number(p.key));
  if (keys.length > ALERT_FILLS.length) {
    return `It has ${keys.length} variables, and Parley fills at most ${ALERT_FILLS.length}: ${PLACES}.`;
  }
  if (keys.some((k, i) => k !== i + 1)) {
    return `Its variables skip a number. Parley fills them in order from {{1}}: ${PLACES}.`;
  }
  return null;
}
