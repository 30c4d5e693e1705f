import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

export type ProductAvailability = "in_stock" | "out_of_stock";
/** Where a product stands with the workspace's Meta catalog. */
export type ProductSyncStatus = "not_synced" | "pending" | "synced" | "failed";

// A product the business sells. The price is kept in the currency's minor unit (cents), so no
// rounding ever changes it; `retailerId` is the business's own id, and Meta's `retailer_id`.
export const products = pgTable(
  "products",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    retailerId: text("retailer_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    priceMinor: bigint("price_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    availability: text("availability", { enum: ["in_stock", "out_of_stock"] })
      .notNull()
      .default("in_stock"),
    imageUrl: text("image_url"),
    link: text("link"),
    syncStatus: text("sync_status", { enum: ["not_synced", "pending", "synced", "failed"] })
      .notNull()
      .default("not_synced"),
    /** Why Meta refused the product, in words for the owner; null unless it failed. */
    syncError: text("sync_error"),
    syncedAt: at("synced_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.workspaceId, t.retailerId), index().on(t.workspaceId, t.name)],
);

// The Meta catalog a workspace's products go to, connected to the WABA of one of its numbers.
export const catalogConnections = pgTable("catalog_connections", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  channelId: uuid("channel_id")
    .notNull()
    .references(() => channels.id, { onDelete: "cascade" }),
  catalogId: text("catalog_id").notNull(),
  catalogName: text("catalog_name").notNull(),
  wabaId: text("waba_id").notNull(),
  /** A sync under way, or how the last one ended. */
  syncState: text("sync_state", { enum: ["idle", "syncing", "failed"] })
    .notNull()
    .default("idle"),
  /** Why the last sync failed as a whole, in words for the owner. */
  syncError: text("sync_error"),
  /** The open batch handles Meta gave the sync under way. */
  batchHandles: jsonb("batch_handles").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Retailer ids of products deleted here that Meta's catalog still holds: the next sync removes them. */
  pendingDeletions: jsonb("pending_deletions")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  lastSyncedAt: at("last_synced_at"),
  connectedAt: createdAt(),
  updatedAt: updatedAt(),
});

// The sandbox's Meta catalogs (what Commerce Manager holds), keyed by Meta's ids: not tenant data.
export const sandboxCatalogs = pgTable("sandbox_catalogs", {
  id: text("id").primaryKey(),
  businessId: text("business_id").notNull(),
  name: text("name").notNull(),
  wabaIds: jsonb("waba_ids").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: createdAt(),
});

export const sandboxCatalogItems = pgTable(
  "sandbox_catalog_items",
  {
    catalogId: text("catalog_id").notNull(),
    retailerId: text("retailer_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.catalogId, t.retailerId] })],
);

export const sandboxCatalogBatches = pgTable("sandbox_catalog_batches", {
  handle: text("handle").primaryKey(),
  catalogId: text("catalog_id").notNull(),
  errors: jsonb("errors")
    .$type<{ line: number; id: string; message: string }[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** Meta reports a batch in progress for a moment before it is finished. */
  finishesAt: at("finishes_at").notNull(),
  createdAt: createdAt(),
});
