import type { Db } from "@/db";
import { listMetaRates } from "@/db/queries/meta-rates";
import { DEFAULT_RATES } from "./default-rates";
import { type RateTable, rateTable } from "./rates";

/** The rate table in force: the operator's when imported, else the one shipped with Parley. */
export async function readRateTable(db: Db): Promise<RateTable> {
  const rows = await listMetaRates(db);
  return rows.length > 0 ? rateTable(rows, "operator") : rateTable(DEFAULT_RATES, "default");
}
