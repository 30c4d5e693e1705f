import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { faqEmbeddings } from "../schema";

export type StoredEmbedding = { faqId: string; contentHash: string; vector: number[] };

/** The workspace's vectors in one embedding space. */
export async function listFaqEmbeddings(
  db: Db,
  p: { workspaceId: string; model: string },
): Promise<StoredEmbedding[]> {
  return db
    .select({
      faqId: faqEmbeddings.faqId,
      contentHash: faqEmbeddings.contentHash,
      vector: faqEmbeddings.vector,
    })
    .from(faqEmbeddings)
    .where(and(eq(faqEmbeddings.workspaceId, p.workspaceId), eq(faqEmbeddings.model, p.model)));
}

/** Which texts are embedded (hashes only), to plan what to embed again. */
export async function listFaqEmbeddingHashes(
  db: Db,
  p: { workspaceId: string; model: string },
): Promise<{ faqId: string; contentHash: string }[]> {
  return db
    .select({ faqId: faqEmbeddings.faqId, contentHash: faqEmbeddings.contentHash })
    .from(faqEmbeddings)
    .where(and(eq(faqEmbeddings.workspaceId, p.workspaceId), eq(faqEmbeddings.model, p.model)));
}

/** A cheap fingerprint of the workspace's vectors, so a cache knows when to read them again. */
export async function faqEmbeddingsVersion(
  db: Db,
  p: { workspaceId: string; model: string },
): Promise<string> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)`.mapWith(Number),
      edits: sql<string | null>`sum(extract(epoch from ${faqEmbeddings.updatedAt}))::text`,
    })
    .from(faqEmbeddings)
    .where(and(eq(faqEmbeddings.workspaceId, p.workspaceId), eq(faqEmbeddings.model, p.model)));
  return `${row?.count ?? 0}:${row?.edits ?? ""}`;
}

/** Stores vectors, replacing an entry's earlier vector in the same space. */
export async function saveFaqEmbeddings(
  db: Db,
  p: { workspaceId: string; model: string; rows: StoredEmbedding[] },
) {
  if (p.rows.length === 0) return;
  await db
    .insert(faqEmbeddings)
    .values(p.rows.map((r) => ({ ...r, workspaceId: p.workspaceId, model: p.model })))
    .onConflictDoUpdate({
      target: [faqEmbeddings.faqId, faqEmbeddings.model],
      set: {
        contentHash: sql`excluded.content_hash`,
        vector: sql`excluded.vector`,
        updatedAt: sql`now()`,
      },
    });
}
