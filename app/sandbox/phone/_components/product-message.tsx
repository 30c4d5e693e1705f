"use client";

import { useState } from "react";
import type { ShownProduct } from "@/lib/sandbox/phone-catalog";

type Props = {
  body: Record<string, unknown>;
  products: Record<string, Record<string, ShownProduct>>;
  onOrder: (order: {
    catalogId: string;
    items: { retailerId: string; quantity: number; itemPrice: number; currency: string }[];
  }) => void;
  disabled: boolean;
};

const obj = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

// Meta's catalog price, "1250.00 KES".
function readPrice(price: string): { amount: number; currency: string } | null {
  const m = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(price);
  return m ? { amount: Number(m[1]), currency: m[2] ?? "" } : null;
}

/** A product or product list message as WhatsApp draws it, with a cart to send an order. */
export function ProductMessage({ body, products, onOrder, disabled }: Props) {
  const action = obj(obj(body.interactive).action);
  const catalogId = typeof action.catalog_id === "string" ? action.catalog_id : "";
  const ids =
    typeof action.product_retailer_id === "string"
      ? [action.product_retailer_id]
      : (Array.isArray(action.sections) ? action.sections : []).flatMap((s) => {
          const items = obj(s).product_items;
          return Array.isArray(items) ? items.map((i) => String(obj(i).product_retailer_id)) : [];
        });
  const catalog = products[catalogId] ?? {};
  const [cart, setCart] = useState<Record<string, number>>({});
  const add = (id: string, by: number) =>
    setCart((c) => ({ ...c, [id]: Math.max(0, (c[id] ?? 0) + by) }));
  const chosen = Object.entries(cart).filter(([, n]) => n > 0);

  const send = () => {
    const items = chosen.flatMap(([id, quantity]) => {
      const price = readPrice(catalog[id]?.price ?? "");
      return price
        ? [{ retailerId: id, quantity, itemPrice: price.amount, currency: price.currency }]
        : [];
    });
    if (items.length > 0) onOrder({ catalogId, items });
    setCart({});
  };

  return (
    <div className="mt-2 space-y-2 border-t border-zinc-100 pt-2" data-testid="phone-products">
      {ids.map((id) => {
        const item = catalog[id];
        const soldOut = item?.availability === "out of stock";
        return (
          <div key={id} className="flex items-center gap-2" data-testid="phone-product">
            <div
              className="flex h-10 w-10 shrink-0 items-center justify-center rounded bg-zinc-100 text-lg"
              aria-hidden
            >
              🛍️
            </div>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{item?.title ?? id}</p>
              <p className="text-xs text-zinc-600">
                {item ? item.price : "Not in the catalog"}
                {soldOut && " · out of stock"}
              </p>
            </div>
            {item && !soldOut && (
              <div className="flex items-center gap-1">
                {(cart[id] ?? 0) > 0 && (
                  <>
                    <button
                      type="button"
                      aria-label={`Remove one ${item.title}`}
                      className="rounded px-2 text-sky-700 hover:bg-sky-50"
                      onClick={() => add(id, -1)}
                    >
                      −
                    </button>
                    <span className="w-4 text-center tabular-nums">{cart[id]}</span>
                  </>
                )}
                <button
                  type="button"
                  aria-label={`Add ${item.title} to cart`}
                  className="rounded px-2 text-sky-700 hover:bg-sky-50"
                  onClick={() => add(id, 1)}
                >
                  +
                </button>
              </div>
            )}
          </div>
        );
      })}
      {chosen.length > 0 && (
        <button
          type="button"
          disabled={disabled}
          onClick={send}
          className="w-full rounded-md bg-brand-600 px-2 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          Send order ({chosen.reduce((n, [, q]) => n + q, 0)})
        </button>
      )}
    </div>
  );
}
