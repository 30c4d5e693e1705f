import type { Database, Db } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import { getBotSettings } from "@/db/queries/bot-settings";
import { addMembership } from "@/db/queries/memberships";
import { createWorkspace, findTakenSlugs } from "@/db/queries/workspaces";
import { firstFreeSlug, slugify } from "@/lib/tenants/slug";

/** A new workspace owned by the user, with the bot's default settings. */
export async function createOwnedWorkspace(db: Db, p: { name: string; userId: string }) {
  const base = slugify(p.name);
  const workspace = await createWorkspace(db, {
    name: p.name,
    slug: firstFreeSlug(base, await findTakenSlugs(db, base)),
  });
  await addMembership(db, { workspaceId: workspace.id, userId: p.userId, role: "owner" });
  await getBotSettings(db, workspace.id);
  await recordAudit(db, {
    workspaceId: workspace.id,
    actorType: "user",
    actorId: p.userId,
    action: "workspace.created",
    target: workspace.id,
    details: { name: p.name },
  });
  return workspace;
}

export function createOwnedWorkspaceInTx(db: Database, p: { name: string; userId: string }) {
  return db.transaction((tx) => createOwnedWorkspace(tx, p));
}
