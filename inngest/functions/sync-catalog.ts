import { getReplyDeps } from "@/lib/bot/deps";
import {
  checkCatalogBatches,
  failCatalogSync,
  sendCatalogBatches,
} from "@/lib/catalog/sync-catalog";
import { log } from "@/lib/log";
import { inngest } from "../client";
import {
  type CatalogSyncRequested,
  catalogSyncRequested,
  catalogSyncRequestedData,
} from "../events";
import type { JobContext } from "../step";

// Meta usually finishes a batch within seconds; a large one may take minutes.
const CHECKS = 30;
// In milliseconds: both job drivers take a number.
const waitBefore = (check: number) => (check < 5 ? 2_000 : check < 15 ? 10_000 : 60_000);

/**
 * Sends the workspace's changed products to its Meta catalog (one step), then asks Meta about the
 * batches until they are finished, recording each product's result.
 */
export async function syncCatalog({ event, step }: JobContext<CatalogSyncRequested>) {
  const { workspaceId } = event.data;
  const batches = await step.run("send-batches", async () =>
    sendCatalogBatches(await getReplyDeps(), workspaceId),
  );
  if (batches.length === 0) return { workspaceId, batches: 0 };
  for (let check = 0; check < CHECKS; check++) {
    await step.sleep(`wait-${check}`, waitBefore(check));
    const done = await step.run(`check-${check}`, async () =>
      checkCatalogBatches(await getReplyDeps(), workspaceId, batches),
    );
    if (done) return { workspaceId, batches: batches.length };
  }
  await step.run("give-up", async () =>
    failCatalogSync(
      await getReplyDeps(),
      workspaceId,
      "Meta has not finished processing the products after a quarter of an hour. Sync again later.",
    ),
  );
  return { workspaceId, batches: batches.length, finished: false };
}

/** After the last retry: the owner sees that the sync failed and can start it again. */
export async function failCatalogSyncJob(data: CatalogSyncRequested, error: unknown) {
  log.warn({ workspaceId: data.workspaceId, err: error }, "Catalog sync failed");
  await failCatalogSync(
    await getReplyDeps(),
    data.workspaceId,
    "The sync stopped because of an error in Parley. Try again; if it keeps failing, tell your administrator.",
  );
}

export const syncCatalogFn = inngest.createFunction(
  {
    id: "sync-catalog",
    triggers: [catalogSyncRequested],
    retries: 3,
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    onFailure: async ({ event, error, step }) => {
      const original = catalogSyncRequestedData.parse(event.data.event.data);
      await step.run("record-failure", () => failCatalogSyncJob(original, error));
    },
  },
  syncCatalog,
);
