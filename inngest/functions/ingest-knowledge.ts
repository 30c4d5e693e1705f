import { getDb } from "@/db";
import { failKnowledgeSource } from "@/db/queries/knowledge";
import { isEmbeddingFailed } from "@/lib/ai/embeddings";
import { getReplyDeps } from "@/lib/bot/deps";
import { wantsEmbeddings } from "@/lib/bot/semantic";
import { embedKnowledge } from "@/lib/knowledge/embed";
import { ingestKnowledgeSource } from "@/lib/knowledge/ingest";
import { log } from "@/lib/log";
import { inngest } from "../client";
import {
  type KnowledgeSyncRequested,
  knowledgeSyncRequested,
  knowledgeSyncRequestedData,
} from "../events";
import type { JobContext } from "../step";

/**
 * Reads a knowledge source and indexes its passages (one step: what it reads is written in the
 * same step, so a retry reads again rather than carrying megabytes between steps), then embeds
 * the new passages when the workspace has an embedding model.
 */
export async function ingestKnowledge({ event, step }: JobContext<KnowledgeSyncRequested>) {
  const indexed = await step.run("read-and-index", async () =>
    ingestKnowledgeSource({ db: await getDb() }, event.data),
  );
  if (indexed.outcome !== "ready" || indexed.passages === 0) return indexed;
  const db = await getDb();
  if (!(await wantsEmbeddings(db, event.data.workspaceId))) return indexed;
  for (let round = 0; round < 20; round++) {
    // A provider that fails leaves the passages lexical-only (they are searched all the same);
    // the next sync or answer catches up. It does not fail the source.
    const embedded = await step.run(`embed-${round}`, async () => {
      try {
        return await embedKnowledge(await getReplyDeps(), event.data.workspaceId);
      } catch (error) {
        if (!isEmbeddingFailed(error)) throw error;
        log.warn(
          { sourceId: event.data.sourceId, reason: error.reason },
          "Knowledge passages could not be embedded; retrieval stays lexical for them",
        );
        return { space: null, embedded: 0, more: false };
      }
    });
    if (!embedded.more) break;
  }
  return indexed;
}

/**
 * After the last retry: the source is marked failed with a reason its owner can act on (the
 * operator's log has the error). Passages already embedded or indexed stay.
 */
export async function failKnowledgeIngest(data: KnowledgeSyncRequested, error: unknown) {
  log.error({ sourceId: data.sourceId, err: error }, "Reading a knowledge source failed");
  await failKnowledgeSource(await getDb(), {
    workspaceId: data.workspaceId,
    sourceId: data.sourceId,
    requestedAt: new Date(data.requestedAt),
    reason: "Something went wrong on our side while reading this source. Try syncing it again.",
  });
}

export const ingestKnowledgeFn = inngest.createFunction(
  {
    id: "ingest-knowledge",
    triggers: [knowledgeSyncRequested],
    retries: 3,
    // One read of a source at a time, and a few per workspace, so one large site does not hold
    // up every other workspace's sources.
    concurrency: [
      { key: "event.data.sourceId", limit: 1 },
      { key: "event.data.workspaceId", limit: 2 },
    ],
    onFailure: async ({ event, error, step }) => {
      const original = knowledgeSyncRequestedData.parse(event.data.event.data);
      await step.run("mark-failed", () => failKnowledgeIngest(original, error));
    },
  },
  ingestKnowledge,
);
