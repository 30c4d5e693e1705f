import { and, asc, desc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { knowledgeContents, knowledgePassages, knowledgeSources } from "../schema";

export type KnowledgeSourceRow = typeof knowledgeSources.$inferSelect;

const sourceColumns = {
  id: knowledgeSources.id,
  kind: knowledgeSources.kind,
  title: knowledgeSources.title,
  fileName: knowledgeSources.fileName,
  mimeType: knowledgeSources.mimeType,
  sizeBytes: knowledgeSources.sizeBytes,
  status: knowledgeSources.status,
  failureReason: knowledgeSources.failureReason,
  note: knowledgeSources.note,
  passageCount: knowledgeSources.passageCount,
  startUrl: knowledgeSources.startUrl,
  maxPages: knowledgeSources.maxPages,
  resyncHours: knowledgeSources.resyncHours,
  pagesCrawled: knowledgeSources.pagesCrawled,
  syncRequestedAt: knowledgeSources.syncRequestedAt,
  lastSyncedAt: knowledgeSources.lastSyncedAt,
  nextSyncAt: knowledgeSources.nextSyncAt,
  createdAt: knowledgeSources.createdAt,
};

export type KnowledgeSource = {
  [K in keyof typeof sourceColumns]: KnowledgeSourceRow[K];
};

type NewSource = {
  workspaceId: string;
  kind: "file" | "text" | "website";
  title: string;
  fileName?: string | null;
  mimeType?: string | null;
  sizeBytes?: number;
  startUrl?: string | null;
  maxPages?: number | null;
  resyncHours?: number | null;
  /** The file's bytes or the pasted text, read by the job. */
  content?: Buffer | null;
};

/** Creates a source waiting to be read, with its content when it has one, in one transaction. */
export async function createKnowledgeSource(db: Db, p: NewSource): Promise<KnowledgeSource> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(knowledgeSources)
      .values({
        workspaceId: p.workspaceId,
        kind: p.kind,
        title: p.title,
        fileName: p.fileName ?? null,
        mimeType: p.mimeType ?? null,
        sizeBytes: p.sizeBytes ?? 0,
        startUrl: p.startUrl ?? null,
        maxPages: p.maxPages ?? null,
        resyncHours: p.resyncHours ?? null,
        // Set here rather than by the database: the job compares it to the millisecond.
        syncRequestedAt: new Date(),
      })
      .returning(sourceColumns);
    if (!row) throw new Error("The knowledge source was not created");
    if (p.content) {
      await tx
        .insert(knowledgeContents)
        .values({ sourceId: row.id, workspaceId: p.workspaceId, bytes: p.content });
    }
    return row;
  });
}

/** The workspace's sources, newest first. */
export async function listKnowledgeSources(
  db: Db,
  p: { workspaceId: string },
): Promise<KnowledgeSource[]> {
  return db
    .select(sourceColumns)
    .from(knowledgeSources)
    .where(eq(knowledgeSources.workspaceId, p.workspaceId))
    .orderBy(desc(knowledgeSources.createdAt), desc(knowledgeSources.id));
}

export async function getKnowledgeSource(
  db: Db,
  p: { workspaceId: string; id: string },
): Promise<KnowledgeSource | null> {
  const [row] = await db
    .select(sourceColumns)
    .from(knowledgeSources)
    .where(and(eq(knowledgeSources.workspaceId, p.workspaceId), eq(knowledgeSources.id, p.id)));
  return row ?? null;
}

/** The uploaded bytes or pasted text of a source, or null when it has none. */
export async function getKnowledgeContent(
  db: Db,
  p: { workspaceId: string; sourceId: string },
): Promise<Buffer | null> {
  const [row] = await db
    .select({ bytes: knowledgeContents.bytes })
    .from(knowledgeContents)
    .where(
      and(
        eq(knowledgeContents.workspaceId, p.workspaceId),
        eq(knowledgeContents.sourceId, p.sourceId),
      ),
    );
  return row ? Buffer.from(row.bytes) : null;
}

/** Removes a source with its passages and content; false when the workspace has no such source. */
export async function deleteKnowledgeSource(
  db: Db,
  p: { workspaceId: string; id: string },
): Promise<boolean> {
  const rows = await db
    .delete(knowledgeSources)
    .where(and(eq(knowledgeSources.workspaceId, p.workspaceId), eq(knowledgeSources.id, p.id)))
    .returning({ id: knowledgeSources.id });
  return rows.length > 0;
}

/**
 * Marks a source as being read again and returns the request's time, which the job carries: a
 * run that finds a newer request has been overtaken and stands down. Null when it is gone.
 */
export async function requestKnowledgeSync(
  db: Db,
  p: { workspaceId: string; id: string; now?: Date },
): Promise<Date | null> {
  const now = p.now ?? new Date();
  const [row] = await db
    .update(knowledgeSources)
    .set({ status: "processing", failureReason: null, syncRequestedAt: now })
    .where(and(eq(knowledgeSources.workspaceId, p.workspaceId), eq(knowledgeSources.id, p.id)))
    .returning({ at: knowledgeSources.syncRequestedAt });
  return row?.at ?? null;
}

export type NewPassage = {
  heading: string | null;
  pageUrl: string | null;
  text: string;
  searchText: string;
};

const INSERT_BATCH = 500;

/**
 * Replaces a source's passages with a newly read set and marks it ready, in one transaction, so
 * the bot never sees a half-indexed source. Nothing is written when a newer sync was requested
 * since (`requestedAt`) or the source is gone: returns false then.
 */
export async function replaceKnowledgePassages(
  db: Db,
  p: {
    workspaceId: string;
    sourceId: string;
    requestedAt: Date;
    passages: NewPassage[];
    sizeBytes?: number;
    pagesCrawled?: number | null;
    note?: string | null;
    title?: string;
    now?: Date;
  },
): Promise<boolean> {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        requestedAt: knowledgeSources.syncRequestedAt,
        resyncHours: knowledgeSources.resyncHours,
      })
      .from(knowledgeSources)
      .where(
        and(eq(knowledgeSources.workspaceId, p.workspaceId), eq(knowledgeSources.id, p.sourceId)),
      )
      .for("update");
    if (!current || current.requestedAt.getTime() !== p.requestedAt.getTime()) return false;
    await tx
      .delete(knowledgePassages)
      .where(
        and(
          eq(knowledgePassages.workspaceId, p.workspaceId),
          eq(knowledgePassages.sourceId, p.sourceId),
        ),
      );
    for (let i = 0; i < p.passages.length; i += INSERT_BATCH) {
      await tx.insert(knowledgePassages).values(
        p.passages.slice(i, i + INSERT_BATCH).map((passage, j) => ({
          ...passage,
          sourceId: p.sourceId,
          workspaceId: p.workspaceId,
          position: i + j,
        })),
      );
    }
    await tx
      .update(knowledgeSources)
      .set({
        status: "ready",
        failureReason: null,
        passageCount: p.passages.length,
        note: p.note ?? null,
        lastSyncedAt: now,
        nextSyncAt: current.resyncHours
          ? new Date(now.getTime() + current.resyncHours * 3_600_000)
          : null,
        ...(p.sizeBytes !== undefined && { sizeBytes: p.sizeBytes }),
        ...(p.pagesCrawled !== undefined && { pagesCrawled: p.pagesCrawled }),
        ...(p.title && { title: p.title }),
      })
      .where(
        and(eq(knowledgeSources.workspaceId, p.workspaceId), eq(knowledgeSources.id, p.sourceId)),
      );
    return true;
  });
}

/**
 * Marks a source failed with the reason for its owner. Passages from an earlier sync stay, so a
 * website that is down for a while keeps answering from what it said before. A scheduled website
 * is tried again at its next time.
 */
export async function failKnowledgeSource(
  db: Db,
  p: {
    workspaceId: string;
    sourceId: string;
    requestedAt: Date;
    reason: string;
    pagesCrawled?: number | null;
    now?: Date;
  },
): Promise<boolean> {
  const now = p.now ?? new Date();
  const rows = await db
    .update(knowledgeSources)
    .set({
      status: "failed",
      failureReason: p.reason,
      lastSyncedAt: now,
      nextSyncAt: sql`case when ${knowledgeSources.resyncHours} is null then null
        else ${now.toISOString()}::timestamptz + make_interval(hours => ${knowledgeSources.resyncHours}) end`,
      ...(p.pagesCrawled !== undefined && { pagesCrawled: p.pagesCrawled }),
    })
    .where(
      and(
        eq(knowledgeSources.workspaceId, p.workspaceId),
        eq(knowledgeSources.id, p.sourceId),
        eq(knowledgeSources.syncRequestedAt, p.requestedAt),
      ),
    )
    .returning({ id: knowledgeSources.id });
  return rows.length > 0;
}

/**
 * Websites whose scheduled sync is due, and sources left processing for longer than `stuckMs`
 * (a process that died mid-read): each is marked as requested again and returned with the
 * request's time, so one sweep claims it once.
 */
export async function claimDueKnowledgeSyncs(
  db: Db,
  p: { now?: Date; stuckMs: number; limit: number },
): Promise<{ workspaceId: string; sourceId: string; requestedAt: Date }[]> {
  const now = p.now ?? new Date();
  const stuckBefore = new Date(now.getTime() - p.stuckMs);
  const due = db
    .select({ id: knowledgeSources.id })
    .from(knowledgeSources)
    .where(
      or(
        and(
          ne(knowledgeSources.status, "processing"),
          lte(knowledgeSources.nextSyncAt, now),
          eq(knowledgeSources.kind, "website"),
        ),
        and(
          eq(knowledgeSources.status, "processing"),
          lte(knowledgeSources.syncRequestedAt, stuckBefore),
        ),
      ),
    )
    .orderBy(asc(knowledgeSources.syncRequestedAt))
    .limit(p.limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(knowledgeSources)
    .set({ status: "processing", failureReason: null, syncRequestedAt: now })
    .where(inArray(knowledgeSources.id, due))
    .returning({
      workspaceId: knowledgeSources.workspaceId,
      sourceId: knowledgeSources.id,
      requestedAt: knowledgeSources.syncRequestedAt,
    });
  return rows;
}

export type FoundPassage = {
  id: string;
  sourceId: string;
  title: string;
  heading: string | null;
  pageUrl: string | null;
  text: string;
  searchText: string;
  rank: number;
};

/** Every way to choose `size` of `items`, in order. */
function combinations<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) =>
    combinations(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

/**
 * The workspace's passages holding at least `atLeast` of the query's terms (`terms`, already
 * normalised as the passages' `searchText` is), best ranked first. A term of four letters or more
 * also matches longer words it begins ("deliver" finds "delivery"). The condition is written as
 * alternatives of terms that must all be there, so the index intersects its lists rather than
 * ranking every passage that holds one common word. With `cap`, at most that many matching
 * passages are ranked.
 */
export async function searchKnowledgePassages(
  db: Db,
  p: { workspaceId: string; terms: string[]; atLeast: number; limit: number; cap?: number },
): Promise<FoundPassage[]> {
  const safe = [...new Set(p.terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))];
  if (safe.length === 0) return [];
  const lexeme = (t: string) => (t.length >= 4 ? `${t}:*` : t);
  const size = Math.max(1, Math.min(p.atLeast, safe.length));
  const query = combinations(safe.map(lexeme), size)
    .map((group) => `(${group.join(" & ")})`)
    .join(" | ");
  const rows = await queryRows<{
    id: string;
    source_id: string;
    title: string;
    heading: string | null;
    page_url: string | null;
    text: string;
    search_text: string;
    rank: number;
  }>(
    db,
    sql`select p.id, p.source_id, s.title, p.heading, p.page_url, p.text, p.search_text, r.rank
      from (
        select c.id, ts_rank(c.search, q, 1) as rank
        from (
          select id, search from ${knowledgePassages}, to_tsquery('simple', ${query}) q
          where workspace_id = ${p.workspaceId} and search @@ q
          limit ${p.cap ?? 1_000_000}
        ) c, to_tsquery('simple', ${query}) q
        order by rank desc, c.id
        limit ${p.limit}
      ) r
      join ${knowledgePassages} p on p.id = r.id
      join ${knowledgeSources} s on s.id = p.source_id and s.workspace_id = ${p.workspaceId}
      order by r.rank desc, p.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    title: r.title,
    heading: r.heading,
    pageUrl: r.page_url,
    text: r.text,
    searchText: r.search_text,
    rank: Number(r.rank),
  }));
}

/** Passages of the workspace without a vector in the space, a batch at a time. */
export async function listUnembeddedPassages(
  db: Db,
  p: { workspaceId: string; model: string; limit: number },
): Promise<{ id: string; heading: string | null; text: string }[]> {
  return db
    .select({
      id: knowledgePassages.id,
      heading: knowledgePassages.heading,
      text: knowledgePassages.text,
    })
    .from(knowledgePassages)
    .where(
      and(
        eq(knowledgePassages.workspaceId, p.workspaceId),
        or(isNull(knowledgePassages.embeddingModel), ne(knowledgePassages.embeddingModel, p.model)),
      ),
    )
    .orderBy(asc(knowledgePassages.id))
    .limit(p.limit);
}

export async function savePassageEmbeddings(
  db: Db,
  p: { workspaceId: string; model: string; rows: { id: string; vector: number[] }[] },
): Promise<void> {
  for (const row of p.rows) {
    await db
      .update(knowledgePassages)
      .set({ embeddingModel: p.model, embedding: row.vector })
      .where(
        and(eq(knowledgePassages.workspaceId, p.workspaceId), eq(knowledgePassages.id, row.id)),
      );
  }
}

/** The number of the workspace's passages with a vector in the space, and a change fingerprint. */
export async function passageEmbeddingsVersion(
  db: Db,
  p: { workspaceId: string; model: string },
): Promise<{ count: number; version: string }> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)`.mapWith(Number),
      version: sql<string>`coalesce(md5(string_agg(${knowledgePassages.id}::text, ',' order by ${knowledgePassages.id})), '')`,
    })
    .from(knowledgePassages)
    .where(
      and(
        eq(knowledgePassages.workspaceId, p.workspaceId),
        eq(knowledgePassages.embeddingModel, p.model),
      ),
    );
  return { count: row?.count ?? 0, version: `${row?.count ?? 0}:${row?.version ?? ""}` };
}

/** The workspace's passage vectors in one space with what the prompt needs of each passage. */
export async function listPassageEmbeddings(
  db: Db,
  p: { workspaceId: string; model: string },
): Promise<{ id: string; vector: number[] }[]> {
  const rows = await db
    .select({ id: knowledgePassages.id, vector: knowledgePassages.embedding })
    .from(knowledgePassages)
    .where(
      and(
        eq(knowledgePassages.workspaceId, p.workspaceId),
        eq(knowledgePassages.embeddingModel, p.model),
      ),
    );
  return rows.flatMap((r) => (r.vector ? [{ id: r.id, vector: r.vector }] : []));
}

/** Passages by id, within the workspace, with their source's title. */
export async function getPassages(
  db: Db,
  p: { workspaceId: string; ids: string[] },
): Promise<Omit<FoundPassage, "rank">[]> {
  if (p.ids.length === 0) return [];
  return db
    .select({
      id: knowledgePassages.id,
      sourceId: knowledgePassages.sourceId,
      title: knowledgeSources.title,
      heading: knowledgePassages.heading,
      pageUrl: knowledgePassages.pageUrl,
      text: knowledgePassages.text,
      searchText: knowledgePassages.searchText,
    })
    .from(knowledgePassages)
    .innerJoin(knowledgeSources, eq(knowledgeSources.id, knowledgePassages.sourceId))
    .where(
      and(eq(knowledgePassages.workspaceId, p.workspaceId), inArray(knowledgePassages.id, p.ids)),
    );
}

/** Whether the workspace has any passage at all (cheap: the answer path skips search without). */
export async function hasKnowledge(db: Db, p: { workspaceId: string }): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(knowledgePassages)
    .where(eq(knowledgePassages.workspaceId, p.workspaceId))
    .limit(1);
  return rows.length > 0;
}
