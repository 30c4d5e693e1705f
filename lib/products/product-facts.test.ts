import { describe, expect, it } from "vitest";
import { buildMessages } from "@/lib/ai/reply";
import { factLine } from "./product-reply";

describe("products as facts for the AI", () => {
  it("puts the relevant products into the system prompt, one line each", () => {
    const line = factLine({
      retailerId: "MUG-1",
      name: "Coffee mug",
      description: "Stoneware.",
      priceMinor: 125000,
      currency: "KES",
      availability: "out_of_stock",
      link: null,
      syncStatus: "synced",
    });
    expect(line).toBe("Coffee mug (id MUG-1): KES 1,250.00, out of stock. Stoneware.");
    const [system] = buildMessages({
      providers: [],
      businessName: "Mug House",
      systemPrompt: null,
      tone: "friendly",
      maxLength: 500,
      grounding: [],
      productFacts: [line],
      history: [],
      question: "is the mug back?",
    });
    expect(system?.content).toContain(
      "The business's products that may be relevant (name, price, availability, description); use these facts exactly:\n- Coffee mug (id MUG-1): KES 1,250.00, out of stock. Stoneware.",
    );
  });
});
