import { describe, expect, it } from "vitest";
import { describeMessage } from "@/lib/whatsapp/describe-message";
import type { InboundMessage } from "@/lib/whatsapp/webhook-schema";
import { productMessageIds, readOrder } from "./read-order";

const order = {
  catalog_id: "195",
  text: "Deliver after 5pm",
  product_items: [
    { product_retailer_id: "MUG-1", quantity: 2, item_price: 1250.5, currency: "KES" },
    { product_retailer_id: "TEA-1", quantity: "3", item_price: "0.1", currency: "KES" },
  ],
};

describe("orders and product messages as the inbox reads them", () => {
  it("totals an order exactly, in minor units", () => {
    expect(readOrder({ order })).toEqual({
      catalogId: "195",
      note: "Deliver after 5pm",
      lines: [
        { retailerId: "MUG-1", quantity: 2, unitPrice: "KES 1,250.50", lineTotal: "KES 2,501.00" },
        { retailerId: "TEA-1", quantity: 3, unitPrice: "KES 0.10", lineTotal: "KES 0.30" },
      ],
      totals: ["KES 2,501.30"],
    });
    expect(readOrder({ order: { product_items: "nope" } })).toBeNull();
  });

  it("gives an order a summary line for the list and search", () => {
    const m = {
      from: "1",
      id: "w",
      timestamp: "1",
      type: "order",
      order,
    } as unknown as InboundMessage;
    expect(describeMessage(m).text).toBe("Order: 2 items, KES 2,501.30 — Deliver after 5pm");
  });

  it("reads the products a product message showed", () => {
    expect(
      productMessageIds({
        interactive: {
          type: "product_list",
          action: {
            sections: [
              { product_items: [{ product_retailer_id: "A" }, { product_retailer_id: "B" }] },
            ],
          },
        },
      }),
    ).toEqual(["A", "B"]);
    expect(
      productMessageIds({ interactive: { type: "product", action: { product_retailer_id: "A" } } }),
    ).toEqual(["A"]);
    expect(productMessageIds({ interactive: { type: "button", action: {} } })).toBeNull();
  });
});
