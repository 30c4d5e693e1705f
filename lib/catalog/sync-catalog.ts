import {
  clearCatalogDeletions,
  getCatalogConnection,
  setCatalogSyncState,
} from "@/db/queries/catalog";
import {
  existingRetailerIds,
  listUnsyncedProducts,
  markProductsPending,
  recordSyncResults,
  resetPendingProducts,
} from "@/db/queries/products";
import { getWorkspaceName } from "@/db/queries/workspaces";
import { channelAccessToken } from "@/lib/bot/channel-token";
import { BATCH_SIZE, batchRequests, deleteRequest } from "./batch-requests";
import { type BatchStatus, catalogCalls } from "./graph-catalog";
import type { CatalogDeps } from "./manage-catalog";
import { catalogErrorWords, productErrorWords } from "./sync-errors";

export type SentBatch = { handle: string; retailerIds: string[] };

/**
 * Sends every product Meta does not have as it is now, in batches, and marks them pending.
 * A failure of the call itself puts them back (not synced) and says why on the connection.
 */
export async function sendCatalogBatches(
  deps: CatalogDeps,
  workspaceId: string,
): Promise<SentBatch[]> {
  const connection = await getCatalogConnection(deps.db, workspaceId);
  if (!connection) return [];
  const list = await listUnsyncedProducts(deps.db, workspaceId);
  // Products deleted here since Meta last heard of them; one saved again under the same id is
  // sent as an update instead.
  const current = await existingRetailerIds(deps.db, {
    workspaceId,
    retailerIds: connection.pendingDeletions,
  });
  const deletions = connection.pendingDeletions.filter((id) => !current.has(id));
  if (deletions.length < connection.pendingDeletions.length) {
    await clearCatalogDeletions(deps.db, {
      workspaceId,
      retailerIds: connection.pendingDeletions.filter((id) => current.has(id)),
    });
  }
  if (list.length === 0 && deletions.length === 0) {
    await setCatalogSyncState(deps.db, { workspaceId, state: "idle", syncedAt: new Date() });
    return [];
  }
  const brand = (await getWorkspaceName(deps.db, workspaceId))?.name ?? "Store";
  const startedAt = new Date();
  const sent: SentBatch[] = [];
  try {
    const token = await channelAccessToken(deps, { workspaceId, channelId: connection.channelId });
    const calls = catalogCalls(deps.graph);
    for (let i = 0; i < deletions.length; i += BATCH_SIZE) {
      const ids = deletions.slice(i, i + BATCH_SIZE);
      // Nothing to record per product afterwards: they are gone here already.
      await calls.itemsBatch(connection.catalogId, token, ids.map(deleteRequest));
      await clearCatalogDeletions(deps.db, { workspaceId, retailerIds: ids });
    }
    for (const batch of batchRequests(list, brand)) {
      await markProductsPending(deps.db, {
        workspaceId,
        retailerIds: batch.retailerIds,
        updatedBefore: startedAt,
      });
      const res = await calls.itemsBatch(connection.catalogId, token, batch.requests);
      const handle = res.handles[0];
      if (handle) sent.push({ handle, retailerIds: batch.retailerIds });
    }
  } catch (error) {
    await resetPendingProducts(deps.db, workspaceId);
    await setCatalogSyncState(deps.db, {
      workspaceId,
      state: "failed",
      error: catalogErrorWords(error),
      handles: [],
    });
    return [];
  }
  // Only deletions went: there is no verdict on products to wait for.
  if (sent.length === 0) {
    await setCatalogSyncState(deps.db, { workspaceId, state: "idle", syncedAt: new Date() });
    return [];
  }
  await setCatalogSyncState(deps.db, {
    workspaceId,
    state: "syncing",
    handles: sent.map((b) => b.handle),
  });
  return sent;
}

/** Meta's per-item errors of a finished batch, by retailer id, in plain words. */
export function batchFailures(status: BatchStatus, retailerIds: string[]): Map<string, string> {
  const failed = new Map<string, string>();
  for (const e of status.errors ?? []) {
    const id = e.id ?? (e.line !== undefined ? retailerIds[e.line] : undefined);
    if (!id) continue;
    const words = productErrorWords(e.message);
    failed.set(id, failed.has(id) ? `${failed.get(id)} ${words}` : words);
  }
  return failed;
}

/**
 * Asks Meta how the batches went; records each finished one's results. True when all finished.
 */
export async function checkCatalogBatches(
  deps: CatalogDeps,
  workspaceId: string,
  batches: SentBatch[],
): Promise<boolean> {
  const connection = await getCatalogConnection(deps.db, workspaceId);
  if (!connection) return true;
  const token = await channelAccessToken(deps, { workspaceId, channelId: connection.channelId });
  const calls = catalogCalls(deps.graph);
  let open = 0;
  for (const batch of batches) {
    const status = await calls.batchStatus(connection.catalogId, token, batch.handle);
    if (status?.status !== "finished") {
      open += 1;
      continue;
    }
    await recordSyncResults(deps.db, {
      workspaceId,
      retailerIds: batch.retailerIds,
      failed: batchFailures(status, batch.retailerIds),
      at: new Date(),
    });
  }
  if (open === 0) {
    await setCatalogSyncState(deps.db, {
      workspaceId,
      state: "idle",
      handles: [],
      syncedAt: new Date(),
    });
  }
  return open === 0;
}

/** After the job gave up waiting or failed: the owner sees why and can sync again. */
export async function failCatalogSync(deps: CatalogDeps, workspaceId: string, message: string) {
  await resetPendingProducts(deps.db, workspaceId);
  await setCatalogSyncState(deps.db, { workspaceId, state: "failed", error: message, handles: [] });
}
