import { and, asc, count, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import type { ProductFields } from "@/lib/validations/products";
import type { Db } from "../client";
import { products } from "../schema";

export type ProductRow = typeof products.$inferSelect;

const SYNC_FIELDS = sql`(${products.name}, ${products.description}, ${products.priceMinor},
  ${products.currency}, ${products.availability}, ${products.imageUrl}, ${products.link})`;
const EXCLUDED_FIELDS = sql`(excluded.name, excluded.description, excluded.price_minor,
  excluded.currency, excluded.availability, excluded.image_url, excluded.link)`;

/**
 * Creates or updates products by retailer id within the workspace, in one statement. A product
 * whose fields change is marked not synced (Meta still has the old version); one sent unchanged
 * is left alone. Returns how many were created and updated.
 */
export async function upsertProducts(
  db: Db,
  p: { workspaceId: string; products: ProductFields[] },
): Promise<{ created: number; updated: number; unchanged: number }> {
  if (p.products.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const rows = await db
    .insert(products)
    .values(p.products.map((x) => ({ ...x, workspaceId: p.workspaceId })))
    .onConflictDoUpdate({
      target: [products.workspaceId, products.retailerId],
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        priceMinor: sql`excluded.price_minor`,
        currency: sql`excluded.currency`,
        availability: sql`excluded.availability`,
        imageUrl: sql`excluded.image_url`,
        link: sql`excluded.link`,
        syncStatus: "not_synced",
        syncError: null,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${SYNC_FIELDS} is distinct from ${EXCLUDED_FIELDS}`,
    })
    .returning({ inserted: sql<boolean>`xmax = 0` });
  const created = rows.filter((r) => r.inserted).length;
  const updated = rows.length - created;
  return { created, updated, unchanged: p.products.length - rows.length };
}

/** Updates one product by id (its retailer id may change); null when it is not this workspace's. */
export async function updateProduct(
  db: Db,
  p: { workspaceId: string; id: string; product: ProductFields },
) {
  const [row] = await db
    .update(products)
    .set({ ...p.product, syncStatus: "not_synced", syncError: null })
    .where(and(eq(products.id, p.id), eq(products.workspaceId, p.workspaceId)))
    .returning({ id: products.id });
  return row ?? null;
}

export async function deleteProduct(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .delete(products)
    .where(and(eq(products.id, p.id), eq(products.workspaceId, p.workspaceId)))
    .returning({
      id: products.id,
      retailerId: products.retailerId,
      syncStatus: products.syncStatus,
      syncedAt: products.syncedAt,
    });
  return row ?? null;
}

export async function getProduct(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, p.id), eq(products.workspaceId, p.workspaceId)));
  return row ?? null;
}

/** Every product of the workspace, by name (or those matching `q` in name or retailer id). */
export async function listProducts(
  db: Db,
  p: { workspaceId: string; q?: string; limit?: number; offset?: number },
) {
  const q = p.q?.trim();
  const where = and(
    eq(products.workspaceId, p.workspaceId),
    q
      ? or(
          ilike(products.name, `%${q.replace(/[\\%_]/g, "\\$&")}%`),
          ilike(products.retailerId, `%${q.replace(/[\\%_]/g, "\\$&")}%`),
        )
      : undefined,
  );
  const query = db
    .select()
    .from(products)
    .where(where)
    .orderBy(asc(products.name), asc(products.retailerId));
  return p.limit !== undefined ? query.limit(p.limit).offset(p.offset ?? 0) : query;
}

export async function countProducts(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(products)
    .where(eq(products.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/** The retailer ids among `retailerIds` the workspace already has (for an import's preview). */
export async function existingRetailerIds(
  db: Db,
  p: { workspaceId: string; retailerIds: string[] },
): Promise<Map<string, ProductRow>> {
  if (p.retailerIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(products)
    .where(
      and(eq(products.workspaceId, p.workspaceId), inArray(products.retailerId, p.retailerIds)),
    );
  return new Map(rows.map((r) => [r.retailerId, r]));
}

/** The products Meta does not have as they are now: the next sync sends these. */
export async function listUnsyncedProducts(db: Db, workspaceId: string) {
  return db
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), ne(products.syncStatus, "synced")))
    .orderBy(asc(products.retailerId));
}

/** Marks products as sent to Meta, waiting for its verdict. */
export async function markProductsPending(
  db: Db,
  p: { workspaceId: string; retailerIds: string[]; updatedBefore: Date },
) {
  if (p.retailerIds.length === 0) return;
  await db
    .update(products)
    .set({ syncStatus: "pending", syncError: null, updatedAt: sql`${products.updatedAt}` })
    .where(
      and(
        eq(products.workspaceId, p.workspaceId),
        inArray(products.retailerId, p.retailerIds),
        // An edit saved while the sync was being built goes with the next sync instead.
        sql`${products.updatedAt} <= ${p.updatedBefore.toISOString()}::timestamptz`,
      ),
    );
}

/**
 * Records Meta's verdict on pending products: those named in `failed` with Meta's reason, the
 * rest synced. A product edited since it was sent stays not synced.
 */
export async function recordSyncResults(
  db: Db,
  p: { workspaceId: string; retailerIds: string[]; failed: Map<string, string>; at: Date },
) {
  const pending = and(eq(products.workspaceId, p.workspaceId), eq(products.syncStatus, "pending"));
  const ok = p.retailerIds.filter((id) => !p.failed.has(id));
  if (ok.length > 0) {
    await db
      .update(products)
      .set({
        syncStatus: "synced",
        syncError: null,
        syncedAt: p.at,
        updatedAt: sql`${products.updatedAt}`,
      })
      .where(and(pending, inArray(products.retailerId, ok)));
  }
  for (const [retailerId, reason] of p.failed) {
    await db
      .update(products)
      .set({ syncStatus: "failed", syncError: reason, updatedAt: sql`${products.updatedAt}` })
      .where(and(pending, eq(products.retailerId, retailerId)));
  }
}

/** After a sync failed as a whole: pending products go back to not synced. */
export async function resetPendingProducts(db: Db, workspaceId: string) {
  await db
    .update(products)
    .set({ syncStatus: "not_synced", updatedAt: sql`${products.updatedAt}` })
    .where(and(eq(products.workspaceId, workspaceId), eq(products.syncStatus, "pending")));
}

/** What the bot reads to answer product questions: name, price, availability, description. */
export async function listProductFacts(db: Db, workspaceId: string, limit = 2000) {
  return db
    .select({
      retailerId: products.retailerId,
      name: products.name,
      description: products.description,
      priceMinor: products.priceMinor,
      currency: products.currency,
      availability: products.availability,
      link: products.link,
      syncStatus: products.syncStatus,
    })
    .from(products)
    .where(eq(products.workspaceId, workspaceId))
    .orderBy(asc(products.name))
    .limit(limit);
}

/** One page of the workspace's products, oldest first, for the public API. */
export async function listProductsPage(
  db: Db,
  p: { workspaceId: string; after?: { at: string; id: string }; limit: number },
) {
  const rows = await db
    .select({ product: products, position: sql<string>`${products.createdAt}::text` })
    .from(products)
    .where(
      and(
        eq(products.workspaceId, p.workspaceId),
        p.after
          ? sql`(${products.createdAt}, ${products.id}) > (${p.after.at}::timestamptz, ${p.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(products.createdAt), asc(products.id))
    .limit(p.limit + 1);
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => r.product),
    next: rows.length > p.limit && last ? { at: last.position, id: last.product.id } : null,
  };
}

/** The names of the workspace's products with these retailer ids (for orders in the inbox). */
export async function productNames(db: Db, p: { workspaceId: string; retailerIds: string[] }) {
  if (p.retailerIds.length === 0) return {};
  const rows = await db
    .select({ retailerId: products.retailerId, name: products.name })
    .from(products)
    .where(
      and(eq(products.workspaceId, p.workspaceId), inArray(products.retailerId, p.retailerIds)),
    );
  return Object.fromEntries(rows.map((r) => [r.retailerId, r.name]));
}
