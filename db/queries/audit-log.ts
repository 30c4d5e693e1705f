import type { Db } from "../client";
import { auditLog } from "../schema";

export async function recordAudit(db: Db, entry: typeof auditLog.$inferInsert) {
  await db.insert(auditLog).values(entry);
}
