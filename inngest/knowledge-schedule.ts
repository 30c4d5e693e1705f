import { type Db, getDb } from "@/db";
import { claimDueKnowledgeSyncs } from "@/db/queries/knowledge";
import { log } from "@/lib/log";
import { dispatchKnowledgeSyncs, type Schedule } from "./dispatch";

const EVERY_MS = 5 * 60_000;
// A source still "processing" this long after its request was lost with its process (or its job
// could not be queued): it is asked for again.
export const STUCK_AFTER_MS = 30 * 60_000;
const BATCH = 50;

/** Websites due for their scheduled sync, and stuck sources, asked for again (one batch). */
export async function syncDueKnowledge(
  db: Db,
  options: { now?: Date; driver?: "inline" | "inngest"; schedule?: Schedule } = {},
): Promise<number> {
  const due = await claimDueKnowledgeSyncs(db, {
    ...(options.now && { now: options.now }),
    stuckMs: STUCK_AFTER_MS,
    limit: BATCH,
  });
  await dispatchKnowledgeSyncs(
    due.map((d) => ({
      workspaceId: d.workspaceId,
      sourceId: d.sourceId,
      requestedAt: d.requestedAt.toISOString(),
    })),
    {
      ...(options.driver && { driver: options.driver }),
      ...(options.schedule && { schedule: options.schedule }),
    },
  );
  if (due.length > 0) log.info({ sources: due.length }, "Knowledge sources queued for a sync");
  return due.length;
}

/** The in-process driver's schedule: every five minutes (with Inngest, a cron function). */
export function startKnowledgeScheduler(): void {
  const tick = () =>
    getDb()
      .then((db) => syncDueKnowledge(db))
      .catch((err: unknown) => log.error({ err }, "Queuing due knowledge syncs failed"));
  setInterval(() => void tick(), EVERY_MS).unref();
}
