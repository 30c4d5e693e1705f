import { z } from "zod";
import type { ProductRow } from "@/db/queries/products";
import {
  PRODUCT_LIMITS,
  type ProductFields,
  productInputSchema,
  readProductFields,
} from "@/lib/validations/products";
import { priceDecimal } from "./money";

/** A product as the public API shows it; the price both as written and in minor units. */
export function productResource(p: ProductRow) {
  return {
    id: p.id,
    retailerId: p.retailerId,
    name: p.name,
    description: p.description,
    price: priceDecimal(p.priceMinor, p.currency),
    priceMinor: p.priceMinor,
    currency: p.currency,
    availability: p.availability,
    imageUrl: p.imageUrl,
    link: p.link,
    syncStatus: p.syncStatus,
    syncError: p.syncError,
    syncedAt: p.syncedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ItemProblem = { index: number; retailerId: string | null; message: string };

/**
 * A POST body checked item by item: the products, or every problem with the item's place in the
 * list, so a caller fixes them all at once. Nothing is written while any item has one.
 */
export function readProductList(
  body: unknown,
):
  | { ok: true; products: ProductFields[] }
  | { ok: false; message: string; problems: ItemProblem[] } {
  if (!Array.isArray(body)) {
    return { ok: false, message: "The body must be a JSON list of products.", problems: [] };
  }
  if (body.length === 0) return { ok: false, message: "The list has no products.", problems: [] };
  if (body.length > PRODUCT_LIMITS.batchMax) {
    return {
      ok: false,
      message: `The list has ${body.length} products; send at most ${PRODUCT_LIMITS.batchMax} at a time.`,
      problems: [],
    };
  }
  const problems: ItemProblem[] = [];
  const products: ProductFields[] = [];
  const seen = new Map<string, number>();
  body.forEach((item, index) => {
    const retailerId =
      item &&
      typeof item === "object" &&
      typeof (item as { retailerId?: unknown }).retailerId === "string"
        ? (item as { retailerId: string }).retailerId.trim() || null
        : null;
    const parsed = readProductFields(item);
    if (!parsed.ok) {
      for (const message of parsed.errors) problems.push({ index, retailerId, message });
      return;
    }
    const product = parsed.product;
    const earlier = seen.get(product.retailerId);
    if (earlier !== undefined) {
      problems.push({ index, retailerId, message: `retailer id is already at index ${earlier}` });
      return;
    }
    seen.set(product.retailerId, index);
    products.push(product);
  });
  if (problems.length > 0) {
    return {
      ok: false,
      message: `${problems.length} ${problems.length === 1 ? "problem" : "problems"} in the list; nothing was saved.`,
      problems,
    };
  }
  return { ok: true, products };
}

/** The documented shape of one product in a POST body (for the OpenAPI document). */
export const productBodySchema = z.array(productInputSchema);
