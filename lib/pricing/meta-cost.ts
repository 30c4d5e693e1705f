import { categoryLabel } from "./categories";
import { lookupRate, type RateTable } from "./rates";

/** Outbound messages with Meta's pricing, counted by category, recipient country and charge. */
export type MetaMessageCount = {
  category: string;
  country: string | null;
  /** Charged by Meta (price type "regular"); false for free customer-service and entry-point messages. */
  charged: boolean;
  messages: number;
};

export type MetaCategoryCost = {
  category: string;
  label: string;
  charged: number;
  free: number;
  /** Charged messages the rate table has no price for (counted as $0). */
  unpriced: number;
  costMicros: number;
  /** The price of each charged message when they all had the same; null when they differ. */
  rateMicros: number | null;
};

export type MetaMessagingCost = {
  totalMicros: number;
  charged: number;
  free: number;
  /** Costliest first. */
  categories: MetaCategoryCost[];
  rateSource: RateTable["source"];
};

/** Meta's estimated charge for the counted messages under one rate table. */
export function metaMessagingCost(counts: MetaMessageCount[], table: RateTable): MetaMessagingCost {
  const byCategory = new Map<string, MetaCategoryCost & { rates: Set<number> }>();
  for (const c of counts) {
    let entry = byCategory.get(c.category);
    if (!entry) {
      entry = {
        category: c.category,
        label: categoryLabel(c.category),
        charged: 0,
        free: 0,
        unpriced: 0,
        costMicros: 0,
        rateMicros: null,
        rates: new Set(),
      };
      byCategory.set(c.category, entry);
    }
    if (!c.charged) {
      entry.free += c.messages;
      continue;
    }
    entry.charged += c.messages;
    const rate = lookupRate(table, c.country, c.category);
    if (rate === null) {
      entry.unpriced += c.messages;
      entry.rates.add(0);
    } else {
      entry.costMicros += rate * c.messages;
      entry.rates.add(rate);
    }
  }
  const categories = [...byCategory.values()]
    .map(({ rates, ...entry }) => ({
      ...entry,
      rateMicros: rates.size === 1 ? ([...rates][0] ?? null) : null,
    }))
    .sort(
      (a, b) =>
        b.costMicros - a.costMicros ||
        b.charged + b.free - (a.charged + a.free) ||
        a.category.localeCompare(b.category),
    );
  return {
    totalMicros: categories.reduce((s, c) => s + c.costMicros, 0),
    charged: categories.reduce((s, c) => s + c.charged, 0),
    free: categories.reduce((s, c) => s + c.free, 0),
    categories,
    rateSource: table.source,
  };
}
