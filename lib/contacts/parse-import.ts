import { parseCsv, stripBom, unguardCell } from "@/lib/faqs/csv";
import {
  contactAttributes,
  contactName,
  contactTags,
  optInSource,
  parseAttributeText,
  splitTags,
} from "@/lib/validations/contact";
import { normalizePhone } from "./phone";

export const CONTACT_COLUMNS = [
  "phone",
  "name",
  "tags",
  "attributes",
  "opt_in",
  "opt_in_source",
] as const;
type Column = (typeof CONTACT_COLUMNS)[number];

/** Columns the export adds for reading (only WhatsApp sets them); an import skips them. */
export const EXPORT_ONLY_COLUMNS = ["username", "business_scoped_user_id", "opt_in_at"] as const;

export const MAX_CONTACT_ROWS = 10_000;

/** A problem with the file; `row` is null when it is about the whole file. */
export type ImportProblem = { row: number | null; message: string };

export type ContactImportRow = {
  row: number;
  /** The phone as written, for the preview of a row with errors. */
  phoneText: string;
  contact: {
    waId: string;
    name: string | null;
    tags: string[];
    attributes: Record<string, string>;
    optIn: "opted_in" | "opted_out" | null;
    optInSource: string | null;
  } | null;
  errors: string[];
};

export type ParsedContactImport = { rows: ContactImportRow[]; problems: ImportProblem[] };

export const describeProblem = (p: ImportProblem) =>
  p.row === null ? p.message : `Row ${p.row}: ${p.message}`;

const YES = new Set(["yes", "y", "true", "1", "opted_in", "opted in", "in"]);
const NO = new Set(["no", "n", "false", "0", "opted_out", "opted out", "out"]);

const firstIssue = (error: { issues: { message: string }[] }) =>
  error.issues[0]?.message ?? "is not valid";

function readRow(
  row: number,
  raw: Partial<Record<Column, string>>,
  callingCode: string | null,
): ContactImportRow {
  const errors: string[] = [];
  const phoneText = (raw.phone ?? "").trim();
  const phone = normalizePhone(phoneText, callingCode);
  if (!phone.ok) errors.push(phone.message);

  const name = contactName.safeParse(raw.name ?? "");
  if (!name.success) errors.push(firstIssue(name.error));

  const tags = contactTags.safeParse(splitTags(raw.tags ?? ""));
  if (!tags.success) errors.push(firstIssue(tags.error));

  let attributes: Record<string, string> = {};
  const attributeText = parseAttributeText(raw.attributes ?? "");
  if (!attributeText.ok) errors.push(attributeText.message);
  else {
    const checked = contactAttributes.safeParse(attributeText.value);
    if (checked.success) attributes = checked.data;
    else errors.push(firstIssue(checked.error));
  }

  const sourceText = (raw.opt_in_source ?? "").trim();
  const optInText = (raw.opt_in ?? "").trim().toLowerCase();
  let optIn: "opted_in" | "opted_out" | null = null;
  if (optInText === "") optIn = sourceText ? "opted_in" : null;
  else if (YES.has(optInText)) optIn = "opted_in";
  else if (NO.has(optInText)) optIn = "opted_out";
  else errors.push(`opt_in “${raw.opt_in?.trim()}” must be yes or no (or left empty)`);
  let source: string | null = null;
  if (optIn === "opted_in") {
    const parsed = optInSource.safeParse(sourceText);
    if (parsed.success) source = parsed.data;
    else errors.push(firstIssue(parsed.error));
  } else if (sourceText) {
    source = sourceText.slice(0, 200);
  }

  if (errors.length > 0 || !phone.ok || !name.success || !tags.success) {
    return { row, phoneText, contact: null, errors };
  }
  return {
    row,
    phoneText,
    contact: {
      waId: phone.waId,
      name: name.data === "" ? null : name.data,
      tags: tags.data,
      attributes,
      optIn,
      optInSource: optIn ? source : null,
    },
    errors,
  };
}

const COLUMN_LIST = CONTACT_COLUMNS.join(", ");

/**
 * Reads a CSV file of contacts and checks every row, so the preview shows all that is wrong at
 * once. Phones without a country code are read in the country of `callingCode` (the business's
 * number). Rows are numbered as a spreadsheet shows them (the header is row 1).
 */
export function parseContactImport(
  text: string,
  callingCode: string | null = null,
): ParsedContactImport {
  if (stripBom(text).trim() === "") {
    return { rows: [], problems: [{ row: null, message: "The file is empty." }] };
  }
  const csv = parseCsv(text);
  if (!csv.ok) return { rows: [], problems: [{ row: csv.row, message: csv.message }] };
  const [header, ...records] = csv.records;
  if (!header) return { rows: [], problems: [{ row: null, message: "The file is empty." }] };
  const problems: ImportProblem[] = [];
  const columns = header.fields.map((n) =>
    n
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  columns.forEach((name, i) => {
    if ((EXPORT_ONLY_COLUMNS as readonly string[]).includes(name)) return;
    if (!(CONTACT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        row: header.row,
        message: `unknown column “${header.fields[i]?.trim()}”; the header row names ${COLUMN_LIST}`,
      });
    } else if (columns.indexOf(name) !== i) {
      problems.push({ row: header.row, message: `the column “${name}” appears twice` });
    }
  });
  if (!columns.includes("phone")) {
    problems.push({
      row: header.row,
      message: `the header row has no “phone” column (columns: ${COLUMN_LIST})`,
    });
  }
  if (problems.length > 0) return { rows: [], problems };
  if (records.length === 0) {
    return {
      rows: [],
      problems: [{ row: null, message: "The file has a header row but no contacts." }],
    };
  }
  if (records.length > MAX_CONTACT_ROWS) {
    return {
      rows: [],
      problems: [
        {
          row: null,
          message: `The file has ${records.length} contacts; import at most ${MAX_CONTACT_ROWS} at a time.`,
        },
      ],
    };
  }
  const rows = records.map(({ row, fields }): ContactImportRow => {
    if (fields.length > columns.length) {
      return {
        row,
        phoneText: "",
        contact: null,
        errors: [
          `has ${fields.length} values but the header has ${columns.length} columns; put quotes around a value that contains a comma`,
        ],
      };
    }
    const raw: Partial<Record<Column, string>> = {};
    columns.forEach((name, i) => {
      if ((CONTACT_COLUMNS as readonly string[]).includes(name))
        raw[name as Column] = unguardCell(fields[i] ?? "");
    });
    return readRow(row, raw, callingCode);
  });
  // The same customer twice would be written twice: the second would silently win.
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.contact) continue;
    const first = seen.get(r.contact.waId);
    if (first === undefined) seen.set(r.contact.waId, r.row);
    else {
      r.errors.push(`phone +${r.contact.waId} repeats row ${first}`);
      r.contact = null;
    }
  }
  for (const r of rows) for (const message of r.errors) problems.push({ row: r.row, message });
  return { rows, problems };
}
