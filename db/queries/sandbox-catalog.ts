import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  sandboxAccounts,
  sandboxCatalogBatches,
  sandboxCatalogItems,
  sandboxCatalogs,
} from "../schema";

// The sandbox's Meta catalogs. Like the rest of the emulator's state these are Meta's records,
// read across workspaces on purpose and reached only through the sandbox routes.

/** The WABAs a business owns, as the sandbox's signup made them. */
export async function listBusinessWabas(db: Db, businessId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ wabaId: sandboxAccounts.wabaId })
    .from(sandboxAccounts)
    .where(eq(sandboxAccounts.businessId, businessId));
  return rows.map((r) => r.wabaId);
}

export async function listBusinessCatalogs(db: Db, businessId: string) {
  return db
    .select()
    .from(sandboxCatalogs)
    .where(eq(sandboxCatalogs.businessId, businessId))
    .orderBy(asc(sandboxCatalogs.createdAt));
}

export async function createSandboxCatalog(
  db: Db,
  row: { id: string; businessId: string; name: string },
) {
  await db.insert(sandboxCatalogs).values(row);
}

export async function getSandboxCatalog(db: Db, id: string) {
  const [row] = await db.select().from(sandboxCatalogs).where(eq(sandboxCatalogs.id, id));
  return row ?? null;
}

/** Connects a catalog to a WABA; a WABA has one catalog at a time, as on Meta. */
export async function connectSandboxCatalog(db: Db, p: { catalogId: string; wabaId: string }) {
  await db
    .update(sandboxCatalogs)
    .set({ wabaIds: sql`${sandboxCatalogs.wabaIds} - ${p.wabaId}` })
    .where(sql`${sandboxCatalogs.wabaIds} ? ${p.wabaId}`);
  await db
    .update(sandboxCatalogs)
    .set({ wabaIds: sql`${sandboxCatalogs.wabaIds} || ${JSON.stringify([p.wabaId])}::jsonb` })
    .where(eq(sandboxCatalogs.id, p.catalogId));
}

export async function upsertSandboxItems(
  db: Db,
  p: { catalogId: string; items: { retailerId: string; data: Record<string, unknown> }[] },
) {
  if (p.items.length === 0) return;
  await db
    .insert(sandboxCatalogItems)
    .values(
      p.items.map((i) => ({ catalogId: p.catalogId, retailerId: i.retailerId, data: i.data })),
    )
    .onConflictDoUpdate({
      target: [sandboxCatalogItems.catalogId, sandboxCatalogItems.retailerId],
      set: { data: sql`excluded.data`, updatedAt: sql`now()` },
    });
}

export async function deleteSandboxItems(db: Db, p: { catalogId: string; retailerIds: string[] }) {
  if (p.retailerIds.length === 0) return;
  await db
    .delete(sandboxCatalogItems)
    .where(
      and(
        eq(sandboxCatalogItems.catalogId, p.catalogId),
        inArray(sandboxCatalogItems.retailerId, p.retailerIds),
      ),
    );
}

export async function getSandboxItems(db: Db, p: { catalogId: string; retailerIds: string[] }) {
  if (p.retailerIds.length === 0) return [];
  return db
    .select({ retailerId: sandboxCatalogItems.retailerId, data: sandboxCatalogItems.data })
    .from(sandboxCatalogItems)
    .where(
      and(
        eq(sandboxCatalogItems.catalogId, p.catalogId),
        inArray(sandboxCatalogItems.retailerId, p.retailerIds),
      ),
    );
}

export async function createSandboxBatch(db: Db, row: typeof sandboxCatalogBatches.$inferInsert) {
  await db.insert(sandboxCatalogBatches).values(row);
}

export async function getSandboxBatch(db: Db, p: { catalogId: string; handle: string }) {
  const [row] = await db
    .select()
    .from(sandboxCatalogBatches)
    .where(
      and(
        eq(sandboxCatalogBatches.handle, p.handle),
        eq(sandboxCatalogBatches.catalogId, p.catalogId),
      ),
    );
  return row ?? null;
}
