import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { catalogConnections, channels, signupSessions } from "../schema";

export type CatalogConnection = typeof catalogConnections.$inferSelect;

export async function getCatalogConnection(db: Db, workspaceId: string) {
  const [row] = await db
    .select()
    .from(catalogConnections)
    .where(eq(catalogConnections.workspaceId, workspaceId));
  return row ?? null;
}

/** Connects (or replaces) the workspace's catalog. */
export async function saveCatalogConnection(
  db: Db,
  p: {
    workspaceId: string;
    channelId: string;
    catalogId: string;
    catalogName: string;
    wabaId: string;
  },
) {
  await db
    .insert(catalogConnections)
    .values(p)
    .onConflictDoUpdate({
      target: catalogConnections.workspaceId,
      set: {
        channelId: p.channelId,
        catalogId: p.catalogId,
        catalogName: p.catalogName,
        wabaId: p.wabaId,
        syncState: "idle",
        syncError: null,
        batchHandles: sql`'[]'::jsonb`,
        connectedAt: sql`now()`,
      },
    });
}

export async function setCatalogSyncState(
  db: Db,
  p: {
    workspaceId: string;
    state: "idle" | "syncing" | "failed";
    error?: string | null;
    handles?: string[];
    syncedAt?: Date;
  },
) {
  await db
    .update(catalogConnections)
    .set({
      syncState: p.state,
      syncError: p.error ?? null,
      ...(p.handles && { batchHandles: p.handles }),
      ...(p.syncedAt && { lastSyncedAt: p.syncedAt }),
    })
    .where(eq(catalogConnections.workspaceId, p.workspaceId));
}

/** The workspace's connected numbers with a WABA: where a catalog can be connected. */
export async function listCatalogChannels(db: Db, workspaceId: string) {
  return db
    .select({
      id: channels.id,
      wabaId: channels.wabaId,
      phoneNumberId: channels.phoneNumberId,
      displayPhoneNumber: channels.displayPhoneNumber,
      accessTokenEncrypted: channels.accessTokenEncrypted,
      status: channels.status,
    })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), isNotNull(channels.wabaId)));
}

/** The business portfolio that owns a WABA, as Embedded Signup reported it for this workspace. */
export async function findBusinessId(db: Db, p: { workspaceId: string; wabaId: string }) {
  const [row] = await db
    .select({ businessId: signupSessions.businessId })
    .from(signupSessions)
    .where(
      and(
        eq(signupSessions.workspaceId, p.workspaceId),
        eq(signupSessions.wabaId, p.wabaId),
        isNotNull(signupSessions.businessId),
      ),
    )
    .orderBy(desc(signupSessions.createdAt))
    .limit(1);
  return row?.businessId ?? null;
}

/** Remembers that Meta's catalog holds a product deleted here, so the next sync removes it. */
export async function queueCatalogDeletion(db: Db, p: { workspaceId: string; retailerId: string }) {
  await db
    .update(catalogConnections)
    .set({
      pendingDeletions: sql`(select coalesce(jsonb_agg(distinct x), '[]'::jsonb)
        from jsonb_array_elements_text(${catalogConnections.pendingDeletions} || ${JSON.stringify([p.retailerId])}::jsonb) x)`,
    })
    .where(eq(catalogConnections.workspaceId, p.workspaceId));
}

/** Forgets deletions Meta has been sent. */
export async function clearCatalogDeletions(
  db: Db,
  p: { workspaceId: string; retailerIds: string[] },
) {
  if (p.retailerIds.length === 0) return;
  await db
    .update(catalogConnections)
    .set({
      pendingDeletions: sql`(select coalesce(jsonb_agg(x), '[]'::jsonb)
        from jsonb_array_elements_text(${catalogConnections.pendingDeletions}) x
        where x not in (select jsonb_array_elements_text(${JSON.stringify(p.retailerIds)}::jsonb)))`,
    })
    .where(eq(catalogConnections.workspaceId, p.workspaceId));
}
