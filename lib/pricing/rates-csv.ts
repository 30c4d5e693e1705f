import { parseCsv, toCsv } from "@/lib/faqs/csv";
import { META_CATEGORIES, type MetaCategory, normalizeCategory } from "./categories";
import { OTHER_COUNTRY, type RateRow } from "./rates";

export const RATES_CSV_HEADER = ["country", "category", "price_usd"] as const;

export type RatesProblem = { row: number; message: string };
export type ParsedRates = { ok: true; rows: RateRow[] } | { ok: false; problems: RatesProblem[] };

const PRICE = /^\d{1,3}(\.\d{1,6})?$/;

/**
 * An operator's rate table as CSV: a header `country,category,price_usd`, then one row per price.
 * `country` is an ISO 3166 code ("KE") or "other" (every country not listed); `category` is one of
 * Meta's pricing categories; `price_usd` is US dollars per message (up to six decimals). Every bad
 * row is named with its spreadsheet row number; a file with any is refused whole.
 */
export function parseRatesCsv(text: string): ParsedRates {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [{ row: parsed.row, message: parsed.message }] };
  const [header, ...records] = parsed.records;
  const names = header?.fields.map((f) => f.trim().toLowerCase());
  if (!names || RATES_CSV_HEADER.some((h, i) => names[i] !== h) || names.length !== 3) {
    return {
      ok: false,
      problems: [
        { row: 1, message: `the first row must be the header ${RATES_CSV_HEADER.join(",")}` },
      ],
    };
  }
  const problems: RatesProblem[] = [];
  const rows: RateRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, fields } of records) {
    const [rawCountry = "", rawCategory = "", rawPrice = ""] = fields.map((f) => f.trim());
    const say = (message: string) => problems.push({ row, message });
    if (fields.length !== 3) {
      say(`expected 3 values (country, category, price_usd), found ${fields.length}`);
      continue;
    }
    const country =
      rawCountry.toLowerCase() === OTHER_COUNTRY ? OTHER_COUNTRY : rawCountry.toUpperCase();
    const category = normalizeCategory(rawCategory);
    let bad = false;
    if (country !== OTHER_COUNTRY && !/^[A-Z]{2}$/.test(country)) {
      say(`country “${rawCountry}” must be a two-letter ISO code such as KE, or “other”`);
      bad = true;
    }
    if (!META_CATEGORIES.includes(category as MetaCategory)) {
      say(`category “${rawCategory}” is not one of ${META_CATEGORIES.join(", ")}`);
      bad = true;
    }
    if (!PRICE.test(rawPrice)) {
      say(`price_usd “${rawPrice}” must be US dollars per message, such as 0.0250`);
      bad = true;
    }
    if (bad) continue;
    const key = `${country}:${category}`;
    const first = seen.get(key);
    if (first !== undefined) {
      say(`${country} ${category} is priced already on row ${first}`);
      continue;
    }
    seen.set(key, row);
    rows.push({ country, category, priceMicros: Math.round(Number(rawPrice) * 1_000_000) });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0)
    return { ok: false, problems: [{ row: 2, message: "the file has no rates" }] };
  return { ok: true, rows };
}

const usd = (micros: number) => (micros / 1_000_000).toFixed(6).replace(/(\.\d{4}\d*?)0+$/, "$1");

/** A table as the CSV `parseRatesCsv` reads, sorted by country and category. */
export function formatRatesCsv(rows: RateRow[]): string {
  const sorted = [...rows].sort(
    (a, b) => a.country.localeCompare(b.country) || a.category.localeCompare(b.category),
  );
  return toCsv([
    [...RATES_CSV_HEADER],
    ...sorted.map((r) => [r.country, r.category, usd(r.priceMicros)]),
  ]);
}
