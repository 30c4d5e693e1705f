import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeys, users } from "../schema";

export type ApiKeyScope = (typeof apiKeys.$inferSelect.scopes)[number];

export async function createApiKey(
  db: Db,
  params: {
    workspaceId: string;
    name: string;
    prefix: string;
    keyHash: string;
    scopes?: ApiKeyScope[];
    createdBy?: string;
  },
) {
  const [row] = await db.insert(apiKeys).values(params).returning({ id: apiKeys.id });
  if (!row) throw new Error("API key insert returned nothing");
  return row;
}

export async function revokeAllApiKeys(db: Db, params: { workspaceId: string }) {
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, params.workspaceId), isNull(apiKeys.revokedAt)));
}

export async function findActiveApiKey(db: Db, keyHash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

// Records use at most once a minute per key, so busy integrations don't write on every call.
export async function touchApiKey(db: Db, params: { workspaceId: string; id: string }) {
  const now = new Date();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, params.id),
        eq(apiKeys.workspaceId, params.workspaceId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
}

/** The workspace's keys for its settings page: never the hash, only the public prefix. */
export async function listApiKeys(db: Db, params: { workspaceId: string }) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdByName: users.name,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, params.workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes one active key of this workspace; null when it has no such key. */
export async function revokeApiKey(db: Db, params: { workspaceId: string; id: string }) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiKeys.id, params.id),
        eq(apiKeys.workspaceId, params.workspaceId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
  return row ?? null;
}
