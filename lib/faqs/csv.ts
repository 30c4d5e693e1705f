// RFC 4180 CSV, read leniently enough for what spreadsheets write: a byte-order mark, CRLF, LF or
// CR line ends, quoted values holding delimiters, quotes ("") and line breaks, and the delimiter a
// spreadsheet's locale chose (comma, semicolon or tab).

/** One record; `row` counts records as a spreadsheet numbers its rows (the header is row 1). */
export type CsvRecord = { row: number; fields: string[] };

export type CsvResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; row: number; message: string };

const DELIMITERS = [",", ";", "\t"] as const;

export const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The delimiter the first line uses most, outside quotes; a comma when it uses none. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const c of stripBom(text)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ",";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Every record, skipping blank ones (all values empty) while still counting their rows. */
export function parseCsv(input: string, delimiter = detectDelimiter(input)): CsvResult {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let row = 1;
  let quoteRow = 1;

  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.some((f) => f.trim() !== "")) records.push({ row, fields });
    fields = [];
    row += 1;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c !== '"') {
        field += c;
        i += 1;
      } else if (text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else {
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
          return {
            ok: false,
            row,
            message:
              'has text after the closing quote of a value; write a quote inside a quoted value as ""',
          };
        }
      }
    } else if (c === '"' && field === "" && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      quoteRow = row;
      i += 1;
    } else if (c === delimiter) {
      endField();
      i += 1;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) {
    return {
      ok: false,
      row: quoteRow,
      message: "has a quoted value whose closing quote is missing",
    };
  }
  if (field !== "" || wasQuoted || fields.length > 0) endRecord();
  return { ok: true, records };
}

// Quoted only when needed, so a file stays easy to read and diff.
const quote = (value: string) =>
  /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Rows as RFC 4180 text: comma-separated, CRLF line ends, a final line end. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map(quote).join(",")}\r\n`).join("");
}

// A cell starting with = + - @ (or a tab or carriage return) runs as a formula when a spreadsheet
// opens the file. The export puts one apostrophe before such a cell (even one already behind
// apostrophes), as spreadsheets themselves do, and the import takes exactly one off, so any text
// survives the round trip.
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export const guardCell = (value: string) => (FORMULA_LIKE.test(value) ? `'${value}` : value);

export const unguardCell = (value: string) =>
  value.startsWith("'") && FORMULA_LIKE.test(value.slice(1)) ? value.slice(1) : value;
