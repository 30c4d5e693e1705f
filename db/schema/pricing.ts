import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * The operator's table of Meta's per-message rates, replacing the one shipped with Parley when it
 * has rows. One price per recipient country (ISO 3166 code, or "other" for every country not
 * listed) and pricing category, in millionths of a US dollar. Not a tenant table: Meta's rate
 * card is the same for every business.
 */
export const metaRates = pgTable(
  "meta_rates",
  {
    country: text("country").notNull(),
    category: text("category").notNull(),
    priceMicros: integer("price_micros").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.country, t.category] }),
    check("meta_rates_price_check", sql`${t.priceMicros} >= 0`),
  ],
);
