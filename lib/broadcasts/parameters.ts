import type { BroadcastParameter, BroadcastTemplate } from "@/db/schema";
import { renderTemplate, templateComponents, templateField } from "@/lib/whatsapp/templates";

/** The contact's facts a parameter may take its value from. */
export type ParameterContact = {
  name: string | null;
  waId: string | null;
  attributes: Record<string, string>;
};

/** A contact field a parameter can name: `name`, `phone`, or `attributes.<key>`. */
export const contactFieldPattern = /^(name|phone|attributes\.[A-Za-z0-9_. -]{1,64})$/;

function fieldValue(c: ParameterContact, field: string): string | null {
  if (field === "name") return c.name?.trim() || null;
  if (field === "phone") return c.waId ? `+${c.waId}` : null;
  if (field.startsWith("attributes.")) {
    return c.attributes[field.slice("attributes.".length)]?.trim() || null;
  }
  return null;
}

export type FilledTemplate =
  | { ok: true; text: string; components: unknown[] }
  | { ok: false; missing: string[] };

/**
 * The template's values for one contact: fixed texts as given, contact fields from the contact,
 * or their fallback when the contact has none. A variable left with no value is reported, and the
 * message is not sent (WhatsApp refuses an empty parameter).
 */
export function fillForContact(
  t: BroadcastTemplate,
  parameters: Record<string, BroadcastParameter>,
  contact: ParameterContact,
): FilledTemplate {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const p of t.params) {
    const key = templateField(p);
    const source = parameters[key];
    const value =
      source?.kind === "fixed"
        ? source.value.trim()
        : source
          ? (fieldValue(contact, source.field) ?? source.fallback.trim())
          : "";
    if (value) values[key] = value;
    else missing.push(key);
  }
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, text: renderTemplate(t, values), components: templateComponents(t, values) };
}

/** The template's variables the mapping leaves without any source (checked when creating). */
export function unmappedParameters(
  t: BroadcastTemplate,
  parameters: Record<string, BroadcastParameter>,
): string[] {
  return t.params.map(templateField).filter((key) => {
    const p = parameters[key];
    if (!p) return true;
    return p.kind === "fixed" ? !p.value.trim() : !contactFieldPattern.test(p.field);
  });
}
