import { z } from "zod";
import { decimalsOf, formatPrice } from "./money";

// A customer's order from the catalog (WhatsApp `order` message) and the product messages the
// bot sent, read leniently from the stored payload: a part WhatsApp left out falls back.

const orderPayload = z.looseObject({
  order: z.looseObject({
    catalog_id: z.string().optional(),
    text: z.string().optional(),
    product_items: z.array(
      z.looseObject({
        product_retailer_id: z.string(),
        quantity: z.union([z.number(), z.string()]),
        item_price: z.union([z.number(), z.string()]),
        currency: z.string(),
      }),
    ),
  }),
});

export type OrderLine = {
  retailerId: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
};
export type ReadOrder = {
  catalogId: string | null;
  note: string | null;
  lines: OrderLine[];
  /** "KES 3,700.00"; one per currency when an order mixes them. */
  totals: string[];
};

/** The order's lines and total, computed in minor units so no rounding creeps in. */
export function readOrder(payload: unknown): ReadOrder | null {
  const parsed = orderPayload.safeParse(payload);
  if (!parsed.success) return null;
  const o = parsed.data.order;
  const sums = new Map<string, number>();
  const lines = o.product_items.map((item) => {
    const quantity = Math.max(0, Math.trunc(Number(item.quantity)) || 0);
    const currency = item.currency.toUpperCase();
    const unitMinor = Math.round(Number(item.item_price) * 10 ** decimalsOf(currency)) || 0;
    sums.set(currency, (sums.get(currency) ?? 0) + unitMinor * quantity);
    return {
      retailerId: item.product_retailer_id,
      quantity,
      unitPrice: formatPrice(unitMinor, currency),
      lineTotal: formatPrice(unitMinor * quantity, currency),
    };
  });
  return {
    catalogId: o.catalog_id ?? null,
    note: o.text ?? null,
    lines,
    totals: [...sums].map(([currency, minor]) => formatPrice(minor, currency)),
  };
}

const productMessage = z.looseObject({
  interactive: z.looseObject({
    type: z.enum(["product", "product_list"]),
    action: z.looseObject({
      product_retailer_id: z.string().optional(),
      sections: z
        .array(
          z.looseObject({
            product_items: z.array(z.looseObject({ product_retailer_id: z.string() })),
          }),
        )
        .optional(),
    }),
  }),
});

/** The retailer ids a product message showed, or null when the payload is not one. */
export function productMessageIds(payload: unknown): string[] | null {
  const parsed = productMessage.safeParse(payload);
  if (!parsed.success) return null;
  const { type, action } = parsed.data.interactive;
  if (type === "product") return action.product_retailer_id ? [action.product_retailer_id] : [];
  return (action.sections ?? []).flatMap((s) => s.product_items.map((p) => p.product_retailer_id));
}
