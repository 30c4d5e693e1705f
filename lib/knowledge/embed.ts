import { listUnembeddedPassages, savePassageEmbeddings } from "@/db/queries/knowledge";
import { EMBEDDING_BATCH, embedTexts } from "@/lib/ai/embeddings";
import type { ReplyDeps } from "@/lib/bot/deps";
import { workspaceEmbeddingSpace } from "@/lib/bot/semantic";

// A run embeds at most this many passages; a source larger than that is finished by the next run.
const MAX_PER_RUN = 20 * EMBEDDING_BATCH;

/**
 * Embeds the workspace's passages that have no vector in its embedding space, batch by batch
 * (finished batches are stored, so a retry goes on where it stopped). Nothing when the workspace
 * has no provider or embedding model. Throws `EmbeddingFailed` when the provider fails.
 */
export async function embedKnowledge(
  deps: Pick<ReplyDeps, "db" | "keyring" | "ai">,
  workspaceId: string,
): Promise<{ space: string | null; embedded: number; more: boolean }> {
  const space = await workspaceEmbeddingSpace(deps, workspaceId);
  if (!space) return { space: null, embedded: 0, more: false };
  let embedded = 0;
  while (embedded < MAX_PER_RUN) {
    const batch = await listUnembeddedPassages(deps.db, {
      workspaceId,
      model: space.key,
      limit: EMBEDDING_BATCH,
    });
    if (batch.length === 0) return { space: space.key, embedded, more: false };
    const vectors = await embedTexts(
      space,
      batch.map((p) => `${p.heading ?? ""}\n${p.text}`.trim()),
      deps.ai.timeoutMs,
    );
    await savePassageEmbeddings(deps.db, {
      workspaceId,
      model: space.key,
      rows: batch.map((p, i) => ({ id: p.id, vector: vectors[i] as number[] })),
    });
    embedded += batch.length;
  }
  return { space: space.key, embedded, more: true };
}
