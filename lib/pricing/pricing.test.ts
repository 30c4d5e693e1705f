import { describe, expect, it } from "vitest";
import { recipientCountry } from "./country";
import { DEFAULT_RATES } from "./default-rates";
import { metaMessagingCost } from "./meta-cost";
import { lookupRate, rateTable } from "./rates";
import { formatRatesCsv, parseRatesCsv } from "./rates-csv";

const shipped = rateTable(DEFAULT_RATES, "default");

describe("the recipient's country", () => {
  it("comes from the phone number, or its calling code's main country", () => {
    expect(recipientCountry("254700123456")).toBe("KE");
    expect(recipientCountry("+44 7700 900123")).toBe("GB");
    expect(recipientCountry("12025550123")).toBe("US");
    // A made-up +1 number still has a calling code: the United States.
    expect(recipientCountry("15550001111")).toBe("US");
    expect(recipientCountry("US.13491208655302741918")).toBeNull();
    expect(recipientCountry(undefined)).toBeNull();
    expect(recipientCountry("999123")).toBeNull();
  });
});

describe("rate lookup", () => {
  it("uses the country's rate, else the other countries' rate", () => {
    expect(lookupRate(shipped, "KE", "marketing")).toBe(22_500);
    expect(lookupRate(shipped, "IN", "utility")).toBe(1400);
    expect(lookupRate(shipped, "CA", "marketing")).toBe(25_000);
    expect(lookupRate(shipped, "FJ", "marketing")).toBe(60_400);
    expect(lookupRate(shipped, null, "utility")).toBe(7700);
  });

  it("charges marketing lite as marketing and international authentication as authentication where it has no rate", () => {
    expect(lookupRate(shipped, "BR", "marketing_lite")).toBe(62_500);
    expect(lookupRate(shipped, "IN", "authentication_international")).toBe(28_000);
    expect(lookupRate(shipped, "KE", "authentication_international")).toBe(15_000);
  });

  it("has no price for service messages or a category the table lacks", () => {
    expect(lookupRate(shipped, "KE", "service")).toBeNull();
    const only = rateTable([{ country: "KE", category: "marketing", priceMicros: 1 }], "operator");
    expect(lookupRate(only, "GB", "marketing")).toBeNull();
  });
});

describe("Meta messaging cost", () => {
  it("charges only charged messages, at each country's rate, per category", () => {
    const cost = metaMessagingCost(
      [
        { category: "marketing", country: "KE", charged: true, messages: 40 },
        { category: "utility", country: "KE", charged: true, messages: 2 },
        { category: "utility", country: "GB", charged: true, messages: 1 },
        { category: "utility", country: "KE", charged: false, messages: 5 },
        { category: "service", country: "KE", charged: false, messages: 12 },
        { category: "service", country: "KE", charged: true, messages: 1 },
      ],
      shipped,
    );
    expect(cost.categories).toEqual([
      {
        category: "marketing",
        label: "Marketing",
        charged: 40,
        free: 0,
        unpriced: 0,
        costMicros: 900_000,
        rateMicros: 22_500,
      },
      {
        category: "utility",
        label: "Utility",
        charged: 3,
        free: 5,
        unpriced: 0,
        costMicros: 2 * 4000 + 22_000,
        rateMicros: null,
      },
      {
        category: "service",
        label: "Service",
        charged: 1,
        free: 12,
        unpriced: 1,
        costMicros: 0,
        rateMicros: 0,
      },
    ]);
    expect(cost.totalMicros).toBe(930_000);
    expect(cost).toMatchObject({ charged: 44, free: 17, rateSource: "default" });
  });
});

describe("rate table CSV", () => {
  it("reads back what it writes", () => {
    const parsed = parseRatesCsv(formatRatesCsv(DEFAULT_RATES));
    expect(parsed.ok && parsed.rows.length).toBe(DEFAULT_RATES.length);
    if (parsed.ok) {
      expect(new Set(parsed.rows.map((r) => JSON.stringify(r)))).toEqual(
        new Set(DEFAULT_RATES.map((r) => JSON.stringify(r))),
      );
    }
  });

  it("accepts lower-case countries, hyphenated categories and a spreadsheet's semicolons", () => {
    const parsed = parseRatesCsv(
      "country;category;price_usd\nke;authentication-international;0.02\nOther;MARKETING;0.0604\n",
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { country: "KE", category: "authentication_international", priceMicros: 20_000 },
        { country: "other", category: "marketing", priceMicros: 60_400 },
      ],
    });
  });

  it("names every bad row and refuses the file", () => {
    const parsed = parseRatesCsv(
      [
        "country,category,price_usd",
        "KE,marketing,0.0225",
        "Kenya,utility,0.004",
        "KE,promo,0.01",
        "KE,marketing,0.03",
        "US,utility,-1",
        "GB,utility",
        "",
        "GB,utility,0.0000001",
      ].join("\n"),
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { row: 3, message: expect.stringMatching(/country “Kenya”/) },
        { row: 4, message: expect.stringMatching(/category “promo”/) },
        { row: 5, message: "KE marketing is priced already on row 2" },
        { row: 6, message: expect.stringMatching(/price_usd “-1”/) },
        { row: 7, message: expect.stringMatching(/expected 3 values/) },
        { row: 9, message: expect.stringMatching(/price_usd “0.0000001”/) },
      ],
    });
  });

  it("wants its header, and at least one rate", () => {
    expect(parseRatesCsv("KE,marketing,0.02\n")).toMatchObject({
      ok: false,
      problems: [{ row: 1 }],
    });
    expect(parseRatesCsv("country,category,price_usd\n")).toMatchObject({
      ok: false,
      problems: [{ message: "the file has no rates" }],
    });
  });
});
