import type { FaqFields } from "@/lib/validations/faq";
import {
  faqImportRowSchema,
  IMPORT_COLUMNS,
  type ImportColumn,
  MAX_IMPORT_ROWS,
} from "@/lib/validations/faq-import";
import { parseCsv, stripBom, unguardCell } from "./csv";

/** A problem with the file; `row` is null when it is about the whole file. */
export type ImportProblem = { row: number | null; message: string };

/** Columns a file may leave out; an FAQ it updates then keeps its saved value for them. */
export const OPTIONAL_COLUMNS = ["keywords", "priority", "active", "examples"] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export type ParsedRow = {
  row: number;
  question: string;
  faq: FaqFields | null;
  errors: string[];
  /** The optional columns this row actually gave. */
  given: OptionalColumn[];
};

export type ParsedImport = {
  format: "csv" | "json";
  rows: ParsedRow[];
  problems: ImportProblem[];
};

/** "Row 4: answer is empty", or the file-wide message as it is. */
export const describeProblem = (p: ImportProblem) =>
  p.row === null ? p.message : `Row ${p.row}: ${p.message}`;

/** Same question whatever its case or surrounding spaces: that is how the import matches FAQs. */
export const questionKey = (question: string) => question.trim().toLowerCase();

const COLUMN_LIST = IMPORT_COLUMNS.join(", ");

/** JSON when it starts like JSON, CSV otherwise. */
export const detectFormat = (text: string): "csv" | "json" =>
  /^\s*[[{]/.test(stripBom(text)) ? "json" : "csv";

// Validates one row; the first message per field, so each field is named once.
function validateRow(row: number, raw: Record<string, unknown>): ParsedRow {
  const question = typeof raw.question === "string" ? raw.question.trim() : "";
  const given = OPTIONAL_COLUMNS.filter((c) => c in raw);
  const parsed = faqImportRowSchema.safeParse(raw);
  if (parsed.success) return { row, question, faq: parsed.data, errors: [], given };
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  return { row, question, faq: null, errors: [...errors.values()], given };
}

function fromCsv(text: string): { rows: ParsedRow[]; problems: ImportProblem[] } {
  const csv = parseCsv(text);
  if (!csv.ok) return { rows: [], problems: [{ row: csv.row, message: csv.message }] };
  const [header, ...records] = csv.records;
  if (!header) return { rows: [], problems: [{ row: null, message: "The file is empty." }] };

  const problems: ImportProblem[] = [];
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  columns.forEach((name, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        row: header.row,
        message: `unknown column “${header.fields[i]?.trim()}”; the header row names ${COLUMN_LIST}`,
      });
    } else if (columns.indexOf(name) !== i) {
      problems.push({ row: header.row, message: `the column “${name}” appears twice` });
    }
  });
  for (const required of ["question", "answer"] as const) {
    if (!columns.includes(required)) {
      problems.push({
        row: header.row,
        message: `the header row has no “${required}” column (columns: ${COLUMN_LIST})`,
      });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  if (records.length === 0) {
    return {
      rows: [],
      problems: [{ row: null, message: "The file has a header row but no FAQs." }],
    };
  }

  const rows = records.map(({ row, fields }) => {
    if (fields.length > columns.length) {
      return {
        row,
        question: "",
        faq: null,
        given: [],
        errors: [
          `has ${fields.length} values but the header has ${columns.length} columns; put quotes around a value that contains a comma`,
        ],
      };
    }
    const raw: Partial<Record<ImportColumn, string>> = {};
    // A spreadsheet may leave out empty cells at the end of a row: they read as empty.
    columns.forEach((name, i) => {
      raw[name as ImportColumn] = unguardCell(fields[i] ?? "");
    });
    return validateRow(row, raw);
  });
  return { rows, problems: [] };
}

function fromJson(text: string): { rows: ParsedRow[]; problems: ImportProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    return { rows: [], problems: [{ row: null, message: `This is not valid JSON${detail}.` }] };
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === "object" && Array.isArray((data as { faqs?: unknown }).faqs)
      ? (data as { faqs: unknown[] }).faqs
      : null;
  if (!list) {
    return {
      rows: [],
      problems: [{ row: null, message: 'JSON must be a list of FAQs, or {"faqs": [ … ]}.' }],
    };
  }
  if (list.length === 0)
    return { rows: [], problems: [{ row: null, message: "The file has no FAQs." }] };
  const rows = list.map((item, i): ParsedRow => {
    const row = i + 1;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      return {
        row,
        question: "",
        faq: null,
        given: [],
        errors: ["must be an object with a question and an answer"],
      };
    }
    const unknown = Object.keys(item).filter(
      (k) => !(IMPORT_COLUMNS as readonly string[]).includes(k),
    );
    const parsed = validateRow(row, item as Record<string, unknown>);
    if (unknown.length === 0) return parsed;
    const extra = unknown.map((k) => `unknown field “${k}” (fields: ${COLUMN_LIST})`);
    return { ...parsed, faq: null, errors: [...extra, ...parsed.errors] };
  });
  return { rows, problems: [] };
}

/**
 * Reads a CSV or JSON file of FAQs and checks every row, so the preview can show all that is
 * wrong at once. Rows are numbered as a spreadsheet shows them (CSV: the header is row 1) or as
 * items of the list (JSON: the first FAQ is row 1).
 */
export function parseFaqImport(text: string): ParsedImport {
  const format = detectFormat(text);
  if (stripBom(text).trim() === "") {
    return { format, rows: [], problems: [{ row: null, message: "The file is empty." }] };
  }
  const { rows, problems } = format === "json" ? fromJson(text) : fromCsv(text);
  if (rows.length > MAX_IMPORT_ROWS) {
    problems.push({
      row: null,
      message: `The file has ${rows.length} FAQs; import at most ${MAX_IMPORT_ROWS} at a time.`,
    });
  }
  // A question asked twice would be written twice: the second would silently win.
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.faq) continue;
    const key = questionKey(r.faq.question);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r.row);
    else {
      r.errors.push(`question repeats row ${first}`);
      r.faq = null;
    }
  }
  for (const r of rows) for (const message of r.errors) problems.push({ row: r.row, message });
  return { format, rows, problems };
}
