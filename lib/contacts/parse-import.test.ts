import { describe, expect, it } from "vitest";
import { contactsToCsv } from "./export-csv";
import { describeProblem, parseContactImport } from "./parse-import";

const problems = (text: string, code: string | null = null) =>
  parseContactImport(text, code).problems.map(describeProblem);

describe("parseContactImport", () => {
  it("reads every column: phone to E.164, tags lower-cased, attributes, opt-in with its source", () => {
    const { rows, problems: found } = parseContactImport(
      "Phone,Name,Tags,Attributes,Opt-in,Opt in source\r\n" +
        '+254 700 123456,Amina Njeri,"VIP; guitar, vip",city=Nairobi; tier=gold,yes,shop sign-up form\r\n' +
        "0711 222333,,,,,\r\n" +
        "+44 7911 123456,Tom,,,no,\r\n",
      "254",
    );
    expect(found).toEqual([]);
    expect(rows.map((r) => r.contact)).toEqual([
      {
        waId: "254700123456",
        name: "Amina Njeri",
        tags: ["vip", "guitar"],
        attributes: { city: "Nairobi", tier: "gold" },
        optIn: "opted_in",
        optInSource: "shop sign-up form",
      },
      {
        waId: "254711222333",
        name: null,
        tags: [],
        attributes: {},
        optIn: null,
        optInSource: null,
      },
      {
        waId: "447911123456",
        name: "Tom",
        tags: [],
        attributes: {},
        optIn: "opted_out",
        optInSource: null,
      },
    ]);
  });

  it("an opt-in source alone means the customer opted in; an opt-in without a source is refused", () => {
    const { rows } = parseContactImport("phone,opt_in_source\n+254700123456,website\n");
    expect(rows[0]?.contact).toMatchObject({ optIn: "opted_in", optInSource: "website" });
    expect(problems("phone,opt_in\n+254700123456,yes\n")).toEqual([
      "Row 2: opt-in source is empty: say where the customer agreed (for example “shop sign-up form”)",
    ]);
  });

  it("names every problem by its spreadsheet row, and gives no contact for a bad row", () => {
    const text =
      "phone,name,tags,attributes,opt_in\n" +
      "+254700123456,Good,,,\n" +
      "+254 12,Short,,,\n" +
      "not a phone,Letters,,,\n" +
      "+254700123457,Bad attrs,,city Nairobi,\n" +
      "+254700123458,Bad key,,City-Name=x,\n" +
      "+254700123459,Bad opt,,,maybe\n" +
      "+254 700 123456,Again,,,\n";
    const parsed = parseContactImport(text);
    expect(parsed.rows.map((r) => r.contact !== null)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(parsed.problems.map(describeProblem)).toEqual([
      "Row 3: phone “+254 12” is not a valid number",
      "Row 4: phone “not a phone” has letters in it",
      "Row 5: attributes: “city Nairobi” is not name=value (separate attributes with ;)",
      "Row 6: attribute name “city-name” must start with a letter and use only a–z, 0–9 and _",
      "Row 7: opt_in “maybe” must be yes or no (or left empty)",
      "Row 8: phone +254700123456 repeats row 2",
    ]);
  });

  it("refuses a file without a phone column, unknown columns and an empty file", () => {
    expect(problems("name,tags\nAmina,vip\n")).toEqual([
      "Row 1: the header row has no “phone” column (columns: phone, name, tags, attributes, opt_in, opt_in_source)",
    ]);
    expect(problems("phone,email\n+254700123456,a@b.c\n")[0]).toContain("unknown column “email”");
    expect(problems("")).toEqual(["The file is empty."]);
    expect(problems("phone\n")).toEqual(["The file has a header row but no contacts."]);
    expect(problems('phone,name\n+254700123456,"Amina\n')[0]).toContain("closing quote");
  });

  it("reads its own export back, formula-looking cells included", () => {
    const csv = contactsToCsv([
      {
        waId: "254700123456",
        businessScopedUserId: "KE.1234567890",
        username: "amina",
        name: "=Amina",
        tags: ["vip", "guitar"],
        attributes: { city: "Nairobi" },
        marketingOptIn: "opted_in",
        marketingOptInSource: "shop, front desk",
        marketingOptInAt: new Date("2026-12-01T10:00:00Z"),
      },
    ]);
    expect(csv.split("\r\n")[0]).toBe(
      "\uFEFFphone,name,tags,attributes,opt_in,opt_in_source,username,business_scoped_user_id,opt_in_at",
    );
    const back = parseContactImport(csv);
    expect(back.problems).toEqual([]);
    expect(back.rows[0]?.contact).toEqual({
      waId: "254700123456",
      name: "=Amina",
      tags: ["vip", "guitar"],
      attributes: { city: "Nairobi" },
      optIn: "opted_in",
      optInSource: "shop, front desk",
    });
  });
});
