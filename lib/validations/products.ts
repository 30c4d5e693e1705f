import { z } from "zod";
import { CURRENCY, parsePrice } from "@/lib/products/money";

// One product as people and programs write it: the price in the currency's major unit ("12.50"),
// stored in minor units. Messages name their field, so they read right under a form field and in
// an import report ("Row 4: price …").

export const PRODUCT_LIMITS = {
  retailerIdMax: 100,
  nameMax: 150,
  descriptionMax: 5000,
  urlMax: 2000,
  /** Products per API call or import. */
  batchMax: 1000,
} as const;

const text = (field: string) =>
  z.string({
    error: (iss) => (iss.input === undefined ? `${field} is missing` : `${field} must be text`),
  });

const optionalUrl = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(PRODUCT_LIMITS.urlMax, `${field} is too long`)
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), {
      message: `${field} must be a web address starting with https://`,
    })
    .transform((v) => (v === "" ? null : v))
    .nullish()
    .transform((v) => v ?? null);

const AVAILABILITY: Record<string, "in_stock" | "out_of_stock"> = {
  in_stock: "in_stock",
  "in stock": "in_stock",
  yes: "in_stock",
  true: "in_stock",
  available: "in_stock",
  out_of_stock: "out_of_stock",
  "out of stock": "out_of_stock",
  no: "out_of_stock",
  false: "out_of_stock",
  "sold out": "out_of_stock",
};

export const productInputSchema = z
  .object({
    retailerId: text("retailer id")
      .trim()
      .min(1, "retailer id is empty")
      .max(
        PRODUCT_LIMITS.retailerIdMax,
        `retailer id must have at most ${PRODUCT_LIMITS.retailerIdMax} characters`,
      )
      .regex(/^[^\s,;|]+$/, "retailer id must not contain spaces, commas, semicolons or |"),
    name: text("name")
      .trim()
      .min(1, "name is empty")
      .max(PRODUCT_LIMITS.nameMax, `name must have at most ${PRODUCT_LIMITS.nameMax} characters`),
    description: z
      .string({ error: "description must be text" })
      .trim()
      .max(
        PRODUCT_LIMITS.descriptionMax,
        `description must have at most ${PRODUCT_LIMITS.descriptionMax} characters`,
      )
      .nullish()
      .transform((v) => v ?? ""),
    price: z.union([z.string(), z.number()], {
      error: (iss) => (iss.input === undefined ? "price is missing" : "price must be a number"),
    }),
    currency: text("currency")
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => CURRENCY.test(v), {
        message: "currency must be a three-letter ISO code such as KES or USD",
      }),
    availability: z
      .string({ error: "availability must be text" })
      .nullish()
      .transform((v, ctx) => {
        const key = (v ?? "").trim().toLowerCase().replace(/-/g, "_");
        if (key === "") return "in_stock" as const;
        const found = AVAILABILITY[key] ?? AVAILABILITY[key.replace(/_/g, " ")];
        if (!found) {
          ctx.addIssue({
            code: "custom",
            message: `availability "${v}" must be in_stock or out_of_stock`,
          });
          return z.NEVER;
        }
        return found;
      }),
    imageUrl: optionalUrl("image URL"),
    link: optionalUrl("link"),
  })
  .transform((p, ctx) => {
    const price = parsePrice(p.price, p.currency);
    if (!price.ok) {
      ctx.addIssue({ code: "custom", path: ["price"], message: price.message });
      return z.NEVER;
    }
    const { price: _price, ...rest } = p;
    return { ...rest, priceMinor: price.minor };
  });

export type ProductInput = z.input<typeof productInputSchema>;
export type ProductFields = z.output<typeof productInputSchema>;

export const productIdSchema = z.object({ id: z.uuid() });
export const updateProductSchema = z.object({ id: z.uuid(), product: productInputSchema });

export const MAX_PRODUCT_IMPORT_BYTES = 1_000_000;
export const productImportSchema = z.object({
  text: z.string().max(MAX_PRODUCT_IMPORT_BYTES, "The file is larger than 1 MB: split it."),
});

/**
 * One product checked whole: the product, or one message per field at fault. The price is
 * checked even when other fields fail (the schema's own check runs only on an otherwise valid
 * product), so a person sees every problem of a row at once.
 */
export function readProductFields(
  raw: unknown,
): { ok: true; product: ProductFields } | { ok: false; errors: string[] } {
  const parsed = productInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, product: parsed.data };
  const byField = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  const r = (raw ?? {}) as { price?: unknown; currency?: unknown };
  const currency = typeof r.currency === "string" ? r.currency.trim().toUpperCase() : "";
  if (
    !byField.has("price") &&
    (typeof r.price === "string" || typeof r.price === "number") &&
    CURRENCY.test(currency)
  ) {
    const price = parsePrice(r.price, currency);
    if (!price.ok) byField.set("price", price.message);
  }
  return { ok: false, errors: [...byField.values()] };
}
