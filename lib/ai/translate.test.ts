import { describe, expect, it } from "vitest";
import { embedTexts, isEmbeddingFailed } from "./embeddings";
import { readFaqTag } from "./reply";
import { keepsFacts } from "./translate";

describe("keepsFacts", () => {
  const original =
    "Open Mon-Fri 9:00-18:00. Delivery 3.50 EUR, free over 25. Call +254 700 123456 or see https://shop.example/menu.";
  it("accepts a translation with every number and link as written", () => {
    expect(
      keepsFacts(
        original,
        "Abierto lun-vie 9:00-18:00. Envío 3.50 EUR, gratis desde 25. Llama al +254 700 123456 o mira https://shop.example/menu",
      ),
    ).toBe(true);
  });
  it("refuses a translation that changed, dropped or reformatted a number", () => {
    const changed =
      "Abierto lun-vie 8:00-18:00. Envío 3.50 EUR, gratis desde 25. +254 700 123456 https://shop.example/menu";
    expect(keepsFacts(original, changed)).toBe(false);
    const dropped =
      "Abierto lun-vie 9:00-18:00. Envío 3.50 EUR. +254 700 123456 https://shop.example/menu";
    expect(keepsFacts(original, dropped)).toBe(false);
    const comma =
      "Abierto lun-vie 9:00-18:00. Envío 3,50 EUR, gratis desde 25. +254 700 123456 https://shop.example/menu";
    expect(keepsFacts(original, comma)).toBe(false);
  });
  it("refuses a translation that lost or changed a link", () => {
    expect(
      keepsFacts(original, "Abierto 9:00-18:00 3.50 25 +254 700 123456 https://shop.example/menú"),
    ).toBe(false);
  });
  it("reads the model's tag of the entry it used", () => {
    expect(readFaqTag("[FAQ 2] Abrimos a las 9:00.", 3)).toEqual({
      entry: 1,
      text: "Abrimos a las 9:00.",
    });
    expect(readFaqTag("[FAQ 9] x", 3)).toEqual({ entry: null, text: "x" });
    expect(readFaqTag("No tag here", 3)).toEqual({ entry: null, text: "No tag here" });
  });
});

describe("embedTexts", () => {
  it("a workspace's own endpoint on this server's network is refused, as for chat", async () => {
    const error = await embedTexts(
      {
        provider: {
          name: "own",
          baseURL: "http://127.0.0.1:9/v1",
          apiKey: "sk-own",
          model: "m",
          publicOnly: true,
        },
        model: "text-embedding-3-small",
        key: "own:text-embedding-3-small",
      },
      ["hello"],
    ).catch((e: unknown) => e);
    expect(isEmbeddingFailed(error)).toBe(true);
    expect((error as { reason: string }).reason).toMatch(/^refused: Use an https:\/\/ address/);
    expect(String((error as Error).message)).not.toContain("sk-own");
  });
});
