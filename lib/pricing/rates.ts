/** One price of a rate table: per message to `country` (ISO 3166 or "other") in `category`. */
export type RateRow = { country: string; category: string; priceMicros: number };

export type RateTable = {
  /** Keyed `${country}:${category}`. */
  prices: Map<string, number>;
  /** "operator" once the operator imported a table; until then the shipped snapshot. */
  source: "default" | "operator";
};

export const OTHER_COUNTRY = "other";

export function rateTable(rows: RateRow[], source: RateTable["source"]): RateTable {
  return {
    prices: new Map(rows.map((r) => [`${r.country}:${r.category}`, r.priceMicros])),
    source,
  };
}

// Meta charges Marketing Messages Lite at the marketing rate, and the international
// authentication rate only where it publishes one; elsewhere the country's authentication rate.
const FALLBACK_CATEGORY: Record<string, string> = {
  marketing_lite: "marketing",
  authentication_international: "authentication",
};

/**
 * The price of one message to `country` in `category`: the country's own rate, else the "other"
 * rate, for the category and then its fallback. Null when the table has none (counted as unpriced).
 */
export function lookupRate(
  table: RateTable,
  country: string | null,
  category: string,
): number | null {
  const categories = [category, FALLBACK_CATEGORY[category]].filter((c) => c !== undefined);
  for (const c of categories) {
    for (const where of [country, OTHER_COUNTRY]) {
      if (where === null) continue;
      const price = table.prices.get(`${where}:${c}`);
      if (price !== undefined) return price;
    }
  }
  return null;
}
