import { describe, expect, it } from "vitest";
import { parseProductCsv, productsToCsv } from "./csv-import";
import { formatPrice, parsePrice, priceDecimal } from "./money";

describe("product CSV import", () => {
  it("reads products with the columns in any order, aliases and prices in major units", () => {
    const { rows, problems } = parseProductCsv(
      'SKU,Title,Price,Currency,Availability,image_link\r\nMUG-1,Blue mug,"1,250.50",kes,out of stock,https://x.test/m.jpg\r\n',
    );
    expect(problems).toEqual([]);
    expect(rows[0]?.product).toMatchObject({
      retailerId: "MUG-1",
      name: "Blue mug",
      priceMinor: 125050,
      currency: "KES",
      availability: "out_of_stock",
      imageUrl: "https://x.test/m.jpg",
      link: null,
      description: "",
    });
  });

  it("names every bad row with its spreadsheet row number and keeps the good ones", () => {
    const { rows, problems } = parseProductCsv(
      [
        "retailer_id,name,price,currency,availability,link",
        "A1,Tea,250,KES,,",
        "A2,,12.345,USD,maybe,ftp://x",
        "A1,Tea again,1,KES,,",
        "A3,Rice,10.5,JPY,,",
      ].join("\n"),
    );
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(rows[0]?.product?.priceMinor).toBe(25000);
    expect(problems).toEqual([
      "Row 3: name is empty",
      'Row 3: availability "maybe" must be in_stock or out_of_stock',
      "Row 3: link must be a web address starting with https://",
      'Row 3: price "12.345" has more than 2 decimals for USD',
      "Row 4: retailer id “A1” is already on row 2",
      'Row 5: price "10.5" has decimals, but JPY has none',
    ]);
  });

  it("refuses a header without the required columns or with unknown ones", () => {
    expect(parseProductCsv("name,cost\nTea,1").problems).toEqual([
      "Row 1: unknown column “cost”; the columns are retailer_id, name, description, price, currency, availability, image_url, link",
      "Row 1: the column “retailer_id” is missing",
      "Row 1: the column “price” is missing",
      "Row 1: the column “currency” is missing",
    ]);
    expect(parseProductCsv("").problems).toEqual(["The file is empty."]);
    expect(parseProductCsv('retailer_id,name,price,currency\n"A,b').problems[0]).toMatch(
      /^Row 2: /,
    );
  });

  it("exports what it imports, formulas guarded", () => {
    const list = [
      {
        retailerId: "=CMD",
        name: "Mug, blue",
        description: 'Says "hi"\nTwice',
        priceMinor: 125050,
        currency: "KES",
        availability: "in_stock" as const,
        imageUrl: null,
        link: "https://x.test/p",
      },
    ];
    const csv = productsToCsv(list);
    expect(csv.split("\r\n")[1]).toMatch(/^'=CMD,"Mug, blue"/);
    const back = parseProductCsv(csv);
    expect(back.problems).toEqual([]);
    expect(back.rows[0]?.product).toEqual(list[0]);
  });
});

describe("prices", () => {
  it("keeps prices exact in minor units, by the currency's decimals", () => {
    expect(parsePrice("19.99", "USD")).toEqual({ ok: true, minor: 1999 });
    expect(parsePrice(5, "KWD")).toEqual({ ok: true, minor: 5000 });
    expect(parsePrice("1 000", "UGX")).toEqual({ ok: true, minor: 1000 });
    expect(parsePrice("-1", "USD").ok).toBe(false);
    expect(parsePrice("abc", "USD").ok).toBe(false);
    expect(priceDecimal(5, "USD")).toBe("0.05");
    expect(priceDecimal(1500, "JPY")).toBe("1500");
    expect(formatPrice(125050, "KES")).toBe("KES 1,250.50");
  });
});
