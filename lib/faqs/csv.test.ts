import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectDelimiter, guardCell, parseCsv, toCsv, unguardCell } from "./csv";

const fields = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.records;
};

describe("CSV reading", () => {
  it("reads quoted values holding commas, quotes and line breaks", () => {
    const text = 'a,b,c\r\n"one, two","say ""hi""","line 1\nline 2\r\nline 3"\r\nx,,z\r\n';
    expect(fields(text)).toEqual([
      { row: 1, fields: ["a", "b", "c"] },
      { row: 2, fields: ["one, two", 'say "hi"', "line 1\nline 2\r\nline 3"] },
      { row: 3, fields: ["x", "", "z"] },
    ]);
  });

  it("skips a byte-order mark, and reads LF, CRLF and CR line ends and no final line end", () => {
    expect(fields("\uFEFFa,b\nc,d")).toEqual([
      { row: 1, fields: ["a", "b"] },
      { row: 2, fields: ["c", "d"] },
    ]);
    expect(fields("a\rb\r\nc\n").map((r) => r.fields)).toEqual([["a"], ["b"], ["c"]]);
  });

  it("skips blank rows but counts them, as a spreadsheet numbers rows", () => {
    expect(fields('h\n\n,\n"x\ny"\n\nlast').map((r) => r.row)).toEqual([1, 4, 6]);
  });

  it("names the row of a quoted value that is never closed, or has text after its quote", () => {
    expect(parseCsv('a,b\nc,d\n"open,e\nf,g\n')).toMatchObject({ ok: false, row: 3 });
    expect(parseCsv('a,b\n"x"y,z\n')).toMatchObject({
      ok: false,
      row: 2,
      message: expect.stringContaining('""'),
    });
  });

  it("keeps a quote inside an unquoted value, as spreadsheets write it", () => {
    expect(fields('5" screen,ok')[0]?.fields).toEqual(['5" screen', "ok"]);
  });

  it("detects the delimiter a spreadsheet's locale chose from the first line", () => {
    expect(detectDelimiter("question;answer;keywords\nq;a;k")).toBe(";");
    expect(detectDelimiter("question\tanswer\nq\ta")).toBe("\t");
    expect(detectDelimiter('"a;b",c\n')).toBe(",");
    expect(detectDelimiter("question\n")).toBe(",");
    expect(fields("question;answer\nWhy?;Because, that's why")[1]?.fields).toEqual([
      "Why?",
      "Because, that's why",
    ]);
  });

  it("writes RFC 4180: CRLF, quotes only where needed, doubled quotes", () => {
    expect(toCsv([["a", "b c", 'say "hi"', "x,y", "l1\nl2", " pad", ""]])).toBe(
      'a,b c,"say ""hi""","x,y","l1\nl2"," pad",\r\n',
    );
  });

  it("reads back whatever it writes", () => {
    const row = fc.array(fc.string({ unit: "grapheme" }), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        // Rows of nothing but blanks are skipped on reading, so they are left out here.
        const kept = rows.filter((r) => r.some((f) => f.trim() !== ""));
        expect(fields(toCsv(kept)).map((r) => r.fields)).toEqual(kept);
      }),
    );
  });
});

describe("formula cells", () => {
  it("are written behind an apostrophe and read back unchanged", () => {
    for (const v of [
      '=HYPERLINK("http://x")',
      "+1 555",
      "-10% off",
      "@home",
      "plain",
      "'quoted",
      "'+",
      "''=x",
    ]) {
      expect(unguardCell(guardCell(v))).toBe(v);
    }
    expect(guardCell("=1+1")).toBe("'=1+1");
    expect(guardCell("plain")).toBe("plain");
    expect(unguardCell("'quoted")).toBe("'quoted");
  });
});
