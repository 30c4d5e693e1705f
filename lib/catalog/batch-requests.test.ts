import { describe, expect, it } from "vitest";
import { GraphError } from "@/lib/whatsapp/graph-errors";
import { batchRequests, productRequest } from "./batch-requests";
import { batchFailures } from "./sync-catalog";
import { catalogErrorWords, productErrorWords } from "./sync-errors";

const mug = {
  retailerId: "MUG-1",
  name: "Blue mug",
  description: "Stoneware",
  priceMinor: 125050,
  currency: "KES",
  availability: "in_stock" as const,
  imageUrl: "https://x.test/m.jpg",
  link: "https://x.test/m",
};

describe("batch item requests", () => {
  it("builds Meta's product fields, the price as amount and currency", () => {
    expect(productRequest(mug, "Mama's Shop")).toEqual({
      method: "UPDATE",
      data: {
        id: "MUG-1",
        title: "Blue mug",
        description: "Stoneware",
        availability: "in stock",
        condition: "new",
        price: "1250.50 KES",
        brand: "Mama's Shop",
        link: "https://x.test/m",
        image_link: "https://x.test/m.jpg",
      },
    });
  });

  it("leaves empty optional fields out, so Meta names what is missing", () => {
    const data = productRequest(
      { ...mug, imageUrl: null, link: null, description: "", availability: "out_of_stock" },
      "Shop",
    ).data;
    expect(data).not.toHaveProperty("image_link");
    expect(data).not.toHaveProperty("link");
    expect(data).toMatchObject({ description: "Blue mug", availability: "out of stock" });
  });

  it("splits products into batches in order", () => {
    const list = Array.from({ length: 5 }, (_, i) => ({ ...mug, retailerId: `P${i}` }));
    const batches = batchRequests(list, "Shop", 2);
    expect(batches.map((b) => b.retailerIds)).toEqual([["P0", "P1"], ["P2", "P3"], ["P4"]]);
    expect(batches[2]?.requests[0]?.data.id).toBe("P4");
  });

  it("reads Meta's per-line errors by id or by line", () => {
    const failed = batchFailures(
      {
        status: "finished",
        errors: [
          { line: 1, message: "Required field missing: image_link" },
          { id: "P0", line: 0, message: "Invalid price format" },
        ],
      },
      ["P0", "P1"],
    );
    expect(failed.get("P1")).toMatch(/^Meta needs a picture of this product/);
    expect(failed.get("P0")).toMatch(/^Meta could not read the price/);
  });
});

describe("Meta's catalog errors in plain words", () => {
  it("explains item problems by field and keeps Meta's words", () => {
    expect(productErrorWords("Required field missing: link")).toBe(
      "Meta needs a link to this product's page on your website: add one and sync again. (Meta: Required field missing: link)",
    );
    expect(productErrorWords("Something odd")).toBe("Meta refused this product: Something odd");
  });

  it("explains call failures: token, permission, unknown object, outage", () => {
    const error = (code: number, message = "x", httpStatus = 400) =>
      new GraphError({ code, httpStatus, message });
    expect(catalogErrorWords(error(190))).toMatch(/Re-authorize the number/);
    expect(catalogErrorWords(error(200))).toMatch(/catalog_management/);
    expect(catalogErrorWords(error(100, "Object with ID '1' does not exist"))).toMatch(
      /does not know this catalog/,
    );
    expect(catalogErrorWords(error(2, "x", 500))).toMatch(/Try again in a few minutes/);
    expect(catalogErrorWords(new Error("boom"))).toMatch(/could not reach Meta/);
  });
});
