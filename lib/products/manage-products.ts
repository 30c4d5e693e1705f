import { queueCatalogDeletion } from "@/db/queries/catalog";
import {
  deleteProduct,
  existingRetailerIds,
  updateProduct,
  upsertProducts,
} from "@/db/queries/products";
import type { ActionResult, WorkspaceActor, WorkspaceContext } from "@/lib/auth/workspace";
import type { ProductFields } from "@/lib/validations/products";
import { parseProductCsv } from "./csv-import";
import { formatPrice } from "./money";

const NOT_FOUND = {
  ok: false,
  code: "not_found",
  message: "This product does not exist any more. Reload the page.",
} as const;

const retailerIdTaken = {
  ok: false,
  code: "invalid",
  message: "Please correct the highlighted fields.",
  fieldErrors: { retailerId: "retailer id is already used by another product" },
} as const;

export async function createWorkspaceProduct(
  ctx: WorkspaceContext,
  product: ProductFields,
): Promise<ActionResult<{ retailerId: string }>> {
  const workspaceId = ctx.workspace.id;
  const existing = await existingRetailerIds(ctx.db, {
    workspaceId,
    retailerIds: [product.retailerId],
  });
  if (existing.size > 0) return retailerIdTaken;
  await upsertProducts(ctx.db, { workspaceId, products: [product] });
  await ctx.audit("product.created", product.retailerId, { name: product.name });
  return { ok: true, data: { retailerId: product.retailerId } };
}

export async function updateWorkspaceProduct(
  ctx: WorkspaceContext,
  input: { id: string; product: ProductFields },
): Promise<ActionResult<{ id: string }>> {
  const workspaceId = ctx.workspace.id;
  const existing = await existingRetailerIds(ctx.db, {
    workspaceId,
    retailerIds: [input.product.retailerId],
  });
  const holder = existing.get(input.product.retailerId);
  if (holder && holder.id !== input.id) return retailerIdTaken;
  const row = await updateProduct(ctx.db, { workspaceId, id: input.id, product: input.product });
  if (!row) return NOT_FOUND;
  await ctx.audit("product.updated", input.product.retailerId, { name: input.product.name });
  return { ok: true, data: { id: row.id } };
}

export async function deleteWorkspaceProduct(
  ctx: WorkspaceActor,
  input: { id: string },
): Promise<ActionResult<{ id: string }>> {
  const row = await deleteProduct(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!row) return NOT_FOUND;
  // Meta's catalog may hold it: the next sync removes it there too.
  if (row.syncedAt || row.syncStatus === "pending") {
    await queueCatalogDeletion(ctx.db, {
      workspaceId: ctx.workspace.id,
      retailerId: row.retailerId,
    });
  }
  await ctx.audit("product.deleted", row.retailerId);
  return { ok: true, data: { id: row.id } };
}

export type ProductImportPreview = {
  rows: {
    row: number;
    action: "create" | "update" | "error";
    retailerId: string;
    name: string;
    price: string;
    availability: string;
    errors: string[];
  }[];
  counts: { create: number; update: number };
  problems: string[];
};

const MAX_SHOWN_PROBLEMS = 50;

/** What an import would do, row by row, and every problem; nothing is written. */
export async function previewProductImport(
  ctx: WorkspaceContext,
  input: { text: string },
): Promise<ActionResult<ProductImportPreview>> {
  const parsed = parseProductCsv(input.text);
  const existing = await existingRetailerIds(ctx.db, {
    workspaceId: ctx.workspace.id,
    retailerIds: parsed.rows.map((r) => r.retailerId).filter(Boolean),
  });
  const rows = parsed.rows.map((r) => ({
    row: r.row,
    action: r.product
      ? existing.has(r.retailerId)
        ? ("update" as const)
        : ("create" as const)
      : ("error" as const),
    retailerId: r.retailerId,
    name: r.product?.name ?? "",
    price: r.product ? formatPrice(r.product.priceMinor, r.product.currency) : "",
    availability:
      r.product?.availability === "out_of_stock" ? "Out of stock" : r.product ? "In stock" : "",
    errors: r.errors,
  }));
  return {
    ok: true,
    data: {
      rows,
      counts: {
        create: rows.filter((r) => r.action === "create").length,
        update: rows.filter((r) => r.action === "update").length,
      },
      problems: parsed.problems.slice(0, MAX_SHOWN_PROBLEMS),
    },
  };
}

/** Imports every row, or nothing when any row has a problem. */
export async function importWorkspaceProducts(
  ctx: WorkspaceContext,
  input: { text: string },
): Promise<ActionResult<{ created: number; updated: number; unchanged: number }>> {
  const parsed = parseProductCsv(input.text);
  if (parsed.problems.length > 0) {
    return {
      ok: false,
      code: "invalid",
      message: `Nothing was imported: ${parsed.problems.length} ${parsed.problems.length === 1 ? "problem" : "problems"} to fix first (${parsed.problems[0]}).`,
    };
  }
  const list = parsed.rows.flatMap((r) => (r.product ? [r.product] : []));
  const result = await upsertProducts(ctx.db, { workspaceId: ctx.workspace.id, products: list });
  await ctx.audit("products.imported", null, result);
  return { ok: true, data: result };
}
