import { getCatalogConnection, setCatalogSyncState } from "@/db/queries/catalog";
import { requestCatalogSync } from "@/inngest/dispatch";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { log } from "@/lib/log";
import type { OwnedCatalog } from "./graph-catalog";
import { connectCatalog, listBusinessCatalogs } from "./manage-catalog";

// What the Products page's catalog panel does for an owner or admin.

export async function listCatalogsForWorkspace(
  ctx: WorkspaceContext,
): Promise<ActionResult<OwnedCatalog[]>> {
  return listBusinessCatalogs(await getReplyDeps(), ctx.workspace.id);
}

export async function connectWorkspaceCatalog(
  ctx: WorkspaceContext,
  input: { catalogId: string } | { name: string },
): Promise<ActionResult<{ catalogId: string; catalogName: string }>> {
  const result = await connectCatalog(await getReplyDeps(), ctx.workspace.id, input);
  if (result.ok)
    await ctx.audit("catalog.connected", result.data.catalogId, { name: result.data.catalogName });
  return result;
}

export async function syncWorkspaceCatalog(
  ctx: WorkspaceContext,
): Promise<ActionResult<{ queued: true }>> {
  const workspaceId = ctx.workspace.id;
  const connection = await getCatalogConnection(ctx.db, workspaceId);
  if (!connection) {
    return { ok: false, code: "no_catalog", message: "Connect a Meta catalog first." };
  }
  await setCatalogSyncState(ctx.db, { workspaceId, state: "syncing" });
  try {
    await requestCatalogSync(workspaceId);
  } catch (err) {
    log.error({ workspaceId, err }, "Could not queue the catalog sync");
    await setCatalogSyncState(ctx.db, {
      workspaceId,
      state: "failed",
      error: "The sync could not be started. Try again.",
    });
    return { ok: false, code: "unavailable", message: "The sync could not be started. Try again." };
  }
  await ctx.audit("catalog.sync_requested", connection.catalogId);
  return { ok: true, data: { queued: true } };
}
