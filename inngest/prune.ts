import { type Db, getDb } from "@/db";
import { pruneIdempotencyKeys } from "@/db/queries/api-requests";
import { pruneOutgoingDeliveries } from "@/db/queries/outgoing-webhooks";
import { pruneAnswerClaims } from "@/db/queries/replies";
import { pruneWebhookDeliveries } from "@/db/queries/webhooks";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

const DAY_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
// 1,000 rows a statement keeps each delete short; 100 statements bound one run, the next goes on.
export const PRUNE_BATCH = 1_000;
export const PRUNE_MAX_BATCHES = 100;

/**
 * Deletes raw webhook deliveries older than the retention period, in bounded batches, the
 * answer claims past the hourly limit's window and the API's expired idempotency keys.
 */
export async function pruneOldDeliveries(
  db: Db,
  retentionDays: number,
  limits: { batchSize: number; maxBatches: number } = {
    batchSize: PRUNE_BATCH,
    maxBatches: PRUNE_MAX_BATCHES,
  },
) {
  const before = new Date(Date.now() - retentionDays * DAY_MS);
  const result = await pruneWebhookDeliveries(db, { before, ...limits });
  if (result.deleted > 0) log.info(result, "Pruned old webhook deliveries");
  let claims = 0;
  for (let batch = 0; batch < limits.maxBatches; batch++) {
    const deleted = await pruneAnswerClaims(db, { now: new Date(), limit: limits.batchSize });
    claims += deleted;
    if (deleted < limits.batchSize) break;
  }
  if (claims > 0) log.info({ deleted: claims }, "Pruned old answer claims");
  // The outgoing webhooks' delivery log keeps finished deliveries as long as Meta's.
  let outgoing = 0;
  for (let batch = 0; batch < limits.maxBatches; batch++) {
    const deleted = await pruneOutgoingDeliveries(db, { before, limit: limits.batchSize });
    outgoing += deleted;
    if (deleted < limits.batchSize) break;
  }
  if (outgoing > 0) log.info({ deleted: outgoing }, "Pruned old outgoing webhook deliveries");
  // The public API's idempotency keys past their 24 hours.
  let keys = 0;
  for (let batch = 0; batch < limits.maxBatches; batch++) {
    const deleted = await pruneIdempotencyKeys(db, { now: new Date(), limit: limits.batchSize });
    keys += deleted;
    if (deleted < limits.batchSize) break;
  }
  if (keys > 0) log.info({ deleted: keys }, "Pruned expired API idempotency keys");
  return result;
}

/** The in-process driver's prune: at start-up, then every hour. */
export function startPruner(): void {
  const prune = () =>
    getDb()
      .then((db) => pruneOldDeliveries(db, getEnv().webhookRetentionDays))
      .catch((err: unknown) => log.error({ err }, "Pruning old webhook deliveries failed"));
  void prune();
  setInterval(() => void prune(), PRUNE_EVERY_MS).unref();
}
