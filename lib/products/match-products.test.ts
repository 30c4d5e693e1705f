import { describe, expect, it } from "vitest";
import { matchProduct, productIntent, wantsToSee } from "./match-products";
import { factualAnswer } from "./product-reply";

const list = [
  { retailerId: "MUG-1", name: "Coffee mug" },
  { retailerId: "MUG-2", name: "Blue coffee mug" },
  { retailerId: "TEE-M", name: "Cotton T-shirt" },
  { retailerId: "CAP-1", name: "Red cap" },
  { retailerId: "CAP-2", name: "Red cap" },
  { retailerId: "SAU-1", name: "Crème brûlée sauce" },
];

describe("matching a product named in a question (precision first)", () => {
  it("finds the product whose whole name is in the question, plurals and accents aside", () => {
    expect(matchProduct("How much is the cotton t-shirt?", list)?.retailerId).toBe("TEE-M");
    expect(matchProduct("do you still have coffee mugs", list)?.retailerId).toBe("MUG-1");
    expect(matchProduct("price of creme brulee sauce", list)?.retailerId).toBe("SAU-1");
    expect(matchProduct("is TEE-M available", list)?.retailerId).toBe("TEE-M");
  });

  it("prefers the longer name that contains the shorter", () => {
    expect(matchProduct("how much is the blue coffee mug", list)?.retailerId).toBe("MUG-2");
  });

  it("answers nothing rather than guess", () => {
    // Only part of a name.
    expect(matchProduct("how much is a mug", list)).toBeNull();
    expect(matchProduct("price of the blue one", list)).toBeNull();
    // Two products fit and neither contains the other.
    expect(matchProduct("coffee mug or cotton t-shirt, which is cheaper?", list)).toBeNull();
    // Two products share the name.
    expect(matchProduct("how much is the red cap", list)).toBeNull();
    expect(matchProduct("hello there", list)).toBeNull();
  });
});

describe("what the customer asks", () => {
  it("reads price, availability, description and show intents", () => {
    expect(productIntent("How much is the mug?")).toBe("price");
    expect(productIntent("is the mug in stock")).toBe("availability");
    expect(productIntent("tell me about the mug")).toBe("description");
    expect(productIntent("show me your products")).toBe("show");
    expect(wantsToSee("Can I see your catalog?")).toBe(true);
    expect(wantsToSee("do you have the coffee mug")).toBe(true);
    expect(wantsToSee("what time do you open")).toBe(false);
  });

  it("builds a short factual answer from the product's fields", () => {
    const mug = {
      retailerId: "MUG-1",
      name: "Coffee mug",
      description: "Stoneware, 350 ml.",
      priceMinor: 125000,
      currency: "KES",
      availability: "in_stock" as const,
      link: null,
      syncStatus: "synced" as const,
    };
    expect(factualAnswer(mug, "how much is the coffee mug")).toBe("Coffee mug costs KES 1,250.00.");
    expect(
      factualAnswer({ ...mug, availability: "out_of_stock" }, "is the coffee mug available"),
    ).toBe("Sorry, Coffee mug is out of stock right now.");
    expect(factualAnswer(mug, "tell me about the coffee mug")).toBe(
      "Coffee mug: Stoneware, 350 ml. KES 1,250.00, in stock.",
    );
    expect(factualAnswer(mug, "coffee mug")).toBeNull();
  });
});
