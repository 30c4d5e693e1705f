import { renameWorkspace } from "@/db/queries/workspaces";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";

/** Renames the workspace; the slug (and so every link to it) stays as it is. */
export async function renameWorkspaceAs(
  ctx: WorkspaceContext,
  input: { name: string },
): Promise<ActionResult<{ name: string }>> {
  const from = ctx.workspace.name;
  if (input.name === from) return { ok: true, data: { name: from } };
  await renameWorkspace(ctx.db, { workspaceId: ctx.workspace.id, name: input.name });
  await ctx.audit("workspace.renamed", ctx.workspace.id, { from, to: input.name });
  return { ok: true, data: { name: input.name } };
}
