import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, users } from "../schema";

export async function recordAudit(db: Db, entry: typeof auditLog.$inferInsert) {
  await db.insert(auditLog).values(entry);
}

/** The workspace's latest audit entries, newest first, with the acting user's name. */
export async function listAuditLog(db: Db, params: { workspaceId: string; limit: number }) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      target: auditLog.target,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorType: auditLog.actorType,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(auditLog.actorType, "user"), eq(users.id, auditLog.actorId)))
    .where(eq(auditLog.workspaceId, params.workspaceId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(params.limit);
}

export type AuditEntry = Awaited<ReturnType<typeof listAuditLog>>[number];
