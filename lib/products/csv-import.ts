import { guardCell, parseCsv, toCsv, unguardCell } from "@/lib/faqs/csv";
import { PRODUCT_LIMITS, type ProductFields, readProductFields } from "@/lib/validations/products";
import { priceDecimal } from "./money";

// Products from a spreadsheet: one header row naming the columns (any order, any case), then one
// product per row. Every problem names its row as the spreadsheet numbers it (the header is 1).

export const PRODUCT_COLUMNS = [
  "retailer_id",
  "name",
  "description",
  "price",
  "currency",
  "availability",
  "image_url",
  "link",
] as const;
type Column = (typeof PRODUCT_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
  sku: "retailer_id",
  id: "retailer_id",
  retailerid: "retailer_id",
  title: "name",
  image: "image_url",
  image_link: "image_url",
  url: "link",
};
const REQUIRED: Column[] = ["retailer_id", "name", "price", "currency"];

export type ProductRowResult = {
  row: number;
  retailerId: string;
  product: ProductFields | null;
  errors: string[];
};

export type ParsedProducts = { rows: ProductRowResult[]; problems: string[] };

const columnOf = (header: string): Column | null => {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if ((PRODUCT_COLUMNS as readonly string[]).includes(key)) return key as Column;
  return ALIASES[key] ?? ALIASES[key.replace(/_/g, "")] ?? null;
};

/** Reads the CSV; file-wide problems (bad header, broken quoting) come back with no rows. */
export function parseProductCsv(text: string): ParsedProducts {
  const csv = parseCsv(text);
  if (!csv.ok) return { rows: [], problems: [`Row ${csv.row}: ${csv.message}`] };
  const [header, ...records] = csv.records;
  if (!header) return { rows: [], problems: ["The file is empty."] };
  const columns = header.fields.map(columnOf);
  const problems: string[] = [];
  columns.forEach((column, i) => {
    const name = header.fields[i]?.trim() ?? "";
    if (!column && name !== "") {
      problems.push(
        `Row ${header.row}: unknown column “${name}”; the columns are ${PRODUCT_COLUMNS.join(", ")}`,
      );
    } else if (column && columns.indexOf(column) !== i) {
      problems.push(`Row ${header.row}: the column “${column}” appears twice`);
    }
  });
  for (const required of REQUIRED) {
    if (!columns.includes(required)) {
      problems.push(`Row ${header.row}: the column “${required}” is missing`);
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  if (records.length > PRODUCT_LIMITS.batchMax) {
    return {
      rows: [],
      problems: [
        `The file has ${records.length} products; import at most ${PRODUCT_LIMITS.batchMax} at a time.`,
      ],
    };
  }
  const seen = new Map<string, number>();
  const rows = records.map((record): ProductRowResult => {
    const raw: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      if (column) raw[column] = unguardCell(record.fields[i] ?? "");
    });
    const retailerId = (raw.retailer_id ?? "").trim();
    const parsed = readProductFields({
      retailerId,
      name: raw.name ?? "",
      description: raw.description,
      price: raw.price ?? "",
      currency: raw.currency ?? "",
      availability: raw.availability,
      imageUrl: raw.image_url,
      link: raw.link,
    });
    const errors = parsed.ok ? [] : [...parsed.errors];
    const earlier = seen.get(retailerId);
    if (retailerId && earlier !== undefined) {
      errors.push(`retailer id “${retailerId}” is already on row ${earlier}`);
    } else if (retailerId) {
      seen.set(retailerId, record.row);
    }
    return {
      row: record.row,
      retailerId,
      product: parsed.ok && errors.length === 0 ? parsed.product : null,
      errors,
    };
  });
  if (rows.length === 0) problems.push("The file has a header but no products.");
  for (const r of rows) for (const e of r.errors) problems.push(`Row ${r.row}: ${e}`);
  return { rows, problems };
}

type Exportable = Omit<ProductFields, "description"> & { description: string };

/** Products as CSV with the columns the import reads, so an export imports back unchanged. */
export function productsToCsv(list: readonly Exportable[]): string {
  return toCsv([
    [...PRODUCT_COLUMNS],
    ...list.map((p) =>
      [
        p.retailerId,
        p.name,
        p.description,
        priceDecimal(p.priceMinor, p.currency),
        p.currency,
        p.availability,
        p.imageUrl ?? "",
        p.link ?? "",
      ].map(guardCell),
    ),
  ]);
}
