"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/auth/workspace";
import {
  connectWorkspaceCatalog,
  listCatalogsForWorkspace,
  syncWorkspaceCatalog,
} from "@/lib/catalog/catalog-actions";
import {
  createWorkspaceProduct,
  deleteWorkspaceProduct,
  importWorkspaceProducts,
  previewProductImport,
  updateWorkspaceProduct,
} from "@/lib/products/manage-products";
import {
  productIdSchema,
  productImportSchema,
  productInputSchema,
  updateProductSchema,
} from "@/lib/validations/products";

export const createProductAction = workspaceAction(
  "bot.manage",
  productInputSchema,
  createWorkspaceProduct,
);
export const updateProductAction = workspaceAction(
  "bot.manage",
  updateProductSchema,
  updateWorkspaceProduct,
);
export const deleteProductAction = workspaceAction(
  "bot.manage",
  productIdSchema,
  deleteWorkspaceProduct,
);
export const previewProductImportAction = workspaceAction(
  "bot.manage",
  productImportSchema,
  previewProductImport,
);
export const importProductsAction = workspaceAction(
  "bot.manage",
  productImportSchema,
  importWorkspaceProducts,
);

export const listCatalogsAction = workspaceAction("channels.manage", z.object({}), (ctx) =>
  listCatalogsForWorkspace(ctx),
);
export const connectCatalogAction = workspaceAction(
  "channels.manage",
  z.union([
    z.object({ catalogId: z.string().regex(/^\d{1,30}$/, "Choose a catalog") }),
    z.object({ name: z.string().trim().min(1, "Name the catalog").max(100) }),
  ]),
  connectWorkspaceCatalog,
);
export const syncCatalogAction = workspaceAction("channels.manage", z.object({}), (ctx) =>
  syncWorkspaceCatalog(ctx),
);
