import { asc, eq, like, or } from "drizzle-orm";
import type { Db } from "../client";
import { channels, workspaces } from "../schema";

type CreateWorkspaceParams = { name: string; slug: string };

export async function createWorkspace(db: Db, { name, slug }: CreateWorkspaceParams) {
  const [row] = await db
    .insert(workspaces)
    .values({ name, slug })
    .returning({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug });
  if (!row) throw new Error("Workspace insert returned nothing");
  return row;
}

export async function renameWorkspace(db: Db, params: { workspaceId: string; name: string }) {
  await db
    .update(workspaces)
    .set({ name: params.name })
    .where(eq(workspaces.id, params.workspaceId));
}

export async function findTakenSlugs(db: Db, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(or(eq(workspaces.slug, base), like(workspaces.slug, `${base}-%`)));
  return new Set(rows.map((r) => r.slug));
}

// Operator view across all tenants (the tenants command); never reachable from a workspace's API.
export async function listAllWorkspacesWithChannels(db: Db) {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      phoneNumberId: channels.phoneNumberId,
      channelStatus: channels.status,
    })
    .from(workspaces)
    .leftJoin(channels, eq(channels.workspaceId, workspaces.id))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id), asc(channels.createdAt));
}

export async function getWorkspaceName(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ name: workspaces.name, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

/** The minutes after which the assignee of a conversation nobody opened is e-mailed; null: never. */
export async function setReminderMinutes(
  db: Db,
  p: { workspaceId: string; minutes: number | null },
): Promise<void> {
  await db
    .update(workspaces)
    .set({ reminderMinutes: p.minutes })
    .where(eq(workspaces.id, p.workspaceId));
}

export async function getReminderMinutes(db: Db, workspaceId: string): Promise<number | null> {
  const [row] = await db
    .select({ minutes: workspaces.reminderMinutes })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.minutes ?? null;
}
