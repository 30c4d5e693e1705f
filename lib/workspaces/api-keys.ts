import type { Db } from "@/db";
import { type ApiKeyScope, createApiKey, listApiKeys, revokeApiKey } from "@/db/queries/api-keys";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { generateApiKey } from "@/lib/crypto/api-keys";

/** How a stored key is shown: its public prefix, the rest never leaves the creator's screen. */
export const maskApiKey = (prefix: string) => `${prefix}…`;

/** The keys for the settings page, masked; the hash is not even selected. */
export async function listWorkspaceApiKeys(db: Db, workspaceId: string) {
  const rows = await listApiKeys(db, { workspaceId });
  return rows.map(({ prefix, ...row }) => ({ ...row, masked: maskApiKey(prefix) }));
}

export type WorkspaceApiKey = Awaited<ReturnType<typeof listWorkspaceApiKeys>>[number];

/** Creates a key; the full key is in this result only, once: the database keeps its hash. */
export async function createWorkspaceApiKey(
  ctx: WorkspaceContext,
  input: { name: string; access: "read" | "write" },
): Promise<ActionResult<{ id: string; name: string; key: string; masked: string }>> {
  // A write key reads too: an integration that sends also needs to look up what it sent.
  const scopes: ApiKeyScope[] = input.access === "write" ? ["read", "write"] : ["read"];
  const { key, prefix, hash } = generateApiKey();
  const { id } = await createApiKey(ctx.db, {
    workspaceId: ctx.workspace.id,
    name: input.name,
    prefix,
    keyHash: hash,
    scopes,
    createdBy: ctx.user.id,
  });
  await ctx.audit("api_key.created", id, { name: input.name, prefix, scopes });
  return { ok: true, data: { id, name: input.name, key, masked: maskApiKey(prefix) } };
}

export async function revokeWorkspaceApiKey(
  ctx: WorkspaceContext,
  input: { id: string },
): Promise<ActionResult<null>> {
  const revoked = await revokeApiKey(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!revoked) {
    return {
      ok: false,
      code: "not_found",
      message: "This key does not exist or is already revoked.",
    };
  }
  await ctx.audit("api_key.revoked", revoked.id, { name: revoked.name, prefix: revoked.prefix });
  return { ok: true, data: null };
}
