import { z } from "zod";

// Messages name their field ("tags: use at most 20"), so the same text reads right under a form
// field and in an import report ("Row 4: phone is missing").

export const CONTACT_LIMITS = {
  nameMax: 200,
  tags: 20,
  tagMax: 40,
  attributes: 30,
  attributeKeyMax: 40,
  attributeValueMax: 500,
  sourceMax: 200,
} as const;

export const contactName = z
  .string({ error: "name must be text" })
  .trim()
  .max(CONTACT_LIMITS.nameMax, `name must have at most ${CONTACT_LIMITS.nameMax} characters`);

/** Tags are written as one text separated by these in forms and CSV, so none may hold one. */
export const TAG_SEPARATORS = /[,;|]/;

export const splitTags = (text: string) =>
  text
    .split(TAG_SEPARATORS)
    .map((t) => t.trim())
    .filter((t) => t !== "");

const tag = z
  .string({ error: "tags must be text" })
  .trim()
  .min(1, "tags must not be empty")
  .max(CONTACT_LIMITS.tagMax, {
    error: (iss) => `tag “${String(iss.input)}” has more than ${CONTACT_LIMITS.tagMax} characters`,
  })
  .refine((t) => !TAG_SEPARATORS.test(t), {
    error: (iss) => `tag “${String(iss.input)}” may not contain , ; or |`,
  });

/** Tags, lower-cased (so "VIP" and "vip" are one tag) and each once, in the order given. */
export const contactTags = z
  .array(tag, { error: "tags must be a list of words" })
  .transform((list) => [...new Set(list.map((t) => t.toLowerCase()))])
  .refine((list) => list.length <= CONTACT_LIMITS.tags, {
    error: `tags: use at most ${CONTACT_LIMITS.tags}`,
  });

const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]*$/;

/** Custom attributes: names in lower case with digits and _, text values. */
export const contactAttributes = z
  .record(
    z
      .string()
      .max(CONTACT_LIMITS.attributeKeyMax, {
        error: (iss) =>
          `attribute name “${String(iss.input)}” has more than ${CONTACT_LIMITS.attributeKeyMax} characters`,
      })
      .regex(ATTRIBUTE_KEY, {
        error: (iss) =>
          `attribute name “${String(iss.input)}” must start with a letter and use only a–z, 0–9 and _`,
      }),
    z
      .string({ error: "attribute values must be text" })
      .trim()
      .max(CONTACT_LIMITS.attributeValueMax, {
        error: `attribute values have at most ${CONTACT_LIMITS.attributeValueMax} characters`,
      }),
    {
      // A bad name says what is wrong with it, not only that the record has a bad key.
      error: (iss) =>
        iss.code === "invalid_key"
          ? (iss.issues?.[0]?.message ?? "attribute names must be text")
          : iss.code === "invalid_type"
            ? "attributes must be an object of names and text values"
            : undefined,
    },
  )
  .refine((a) => Object.keys(a).length <= CONTACT_LIMITS.attributes, {
    error: `attributes: use at most ${CONTACT_LIMITS.attributes}`,
  });

/**
 * Attributes as one text, "city=Nairobi; tier=gold" (also one per line): how the CSV and the form
 * write them. A part without "=" is reported rather than dropped.
 */
export function parseAttributeText(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const value: Record<string, string> = {};
  for (const part of text.split(/;|\r?\n/)) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 1) {
      return {
        ok: false,
        message: `attributes: “${part.trim()}” is not name=value (separate attributes with ;)`,
      };
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key in value) return { ok: false, message: `attributes: “${key}” is given twice` };
    value[key] = part.slice(eq + 1).trim();
  }
  return { ok: true, value };
}

export const attributesToText = (attributes: Record<string, string>) =>
  Object.entries(attributes)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

export const OPT_IN_STATES = ["opted_in", "opted_out"] as const;
export type OptInState = (typeof OPT_IN_STATES)[number];

export const optInSource = z
  .string({ error: "opt-in source must be text" })
  .trim()
  .min(1, "opt-in source is empty: say where the customer agreed (for example “shop sign-up form”)")
  .max(
    CONTACT_LIMITS.sourceMax,
    `opt-in source has at most ${CONTACT_LIMITS.sourceMax} characters`,
  );

/** A change of marketing consent: its state, and where it was given (needed when opting in). */
export const marketingOptInSchema = z
  .object({
    status: z.enum(OPT_IN_STATES, { error: "optIn.status must be opted_in or opted_out" }),
    source: optInSource.optional(),
  })
  .refine((o) => o.status !== "opted_in" || o.source, {
    error: "opt-in source is needed: say where the customer agreed to marketing messages",
    path: ["source"],
  });

/** What a person or integrator may set on a contact. */
export const contactFieldsSchema = z.object({
  name: contactName.optional(),
  tags: contactTags.optional(),
  attributes: contactAttributes.optional(),
  optIn: marketingOptInSchema.optional(),
});

export type ContactFields = z.output<typeof contactFieldsSchema>;

/** A new contact through the API: a phone in international form and the fields above. */
export const createContactSchema = contactFieldsSchema.extend({
  phone: z.string({ error: "phone is missing" }).min(1, "phone is missing").max(40),
});

const contactId = z.uuid("This contact does not exist.");

/** The contacts page's form: tags and attributes as the person typed them. */
export const updateContactFormSchema = z.object({
  id: contactId,
  name: contactName,
  tags: z.string().max(2000),
  attributes: z.string().max(20_000),
  optIn: z.enum(["unknown", ...OPT_IN_STATES]),
  optInSource: z.string().max(CONTACT_LIMITS.sourceMax).optional(),
});

export const contactIdSchema = z.object({ id: contactId });

export const LAST_MESSAGE_FILTERS = ["week", "month", "older", "never"] as const;

/** The list's search and filters as the address gives them; anything odd falls back. */
export const contactListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  tag: z.string().trim().toLowerCase().max(CONTACT_LIMITS.tagMax).catch(""),
  optIn: z
    .enum([...OPT_IN_STATES, "unknown"])
    .optional()
    .catch(undefined),
  last: z.enum(LAST_MESSAGE_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type ContactListQuery = z.output<typeof contactListQuerySchema>;
