import { asc } from "drizzle-orm";
import type { Database, Db } from "../client";
import { metaRates } from "../schema";

export type MetaRateRow = { country: string; category: string; priceMicros: number };

/** The operator's rate table; empty when none was imported (the shipped one applies). */
export async function listMetaRates(db: Db): Promise<MetaRateRow[]> {
  return db
    .select({
      country: metaRates.country,
      category: metaRates.category,
      priceMicros: metaRates.priceMicros,
    })
    .from(metaRates)
    .orderBy(asc(metaRates.country), asc(metaRates.category));
}

/** Replaces the whole table in one transaction: no reader sees half of an import. */
export async function replaceMetaRates(db: Database, rows: MetaRateRow[]) {
  await db.transaction(async (tx) => {
    await tx.delete(metaRates);
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(metaRates).values(rows.slice(i, i + 500));
    }
  });
}

/** Empties the table, so the shipped rates apply again. Returns how many rows it held. */
export async function clearMetaRates(db: Db): Promise<number> {
  const deleted = await db.delete(metaRates).returning({ country: metaRates.country });
  return deleted.length;
}
