import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { channels, sandboxMedia, sandboxMessages, workspaces } from "../schema";

// The sandbox emulates Meta, which sees every number: these read across workspaces on purpose,
// and only sandbox routes (404 outside the sandbox) call them.

export async function listSandboxNumbers(db: Db) {
  return db
    .select({
      phoneNumberId: channels.phoneNumberId,
      displayPhoneNumber: channels.displayPhoneNumber,
      workspaceName: workspaces.name,
      status: channels.status,
    })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .orderBy(asc(workspaces.name), asc(channels.phoneNumberId));
}

export async function getSandboxNumber(db: Db, phoneNumberId: string) {
  const [row] = await db
    .select({
      phoneNumberId: channels.phoneNumberId,
      wabaId: channels.wabaId,
      displayPhoneNumber: channels.displayPhoneNumber,
      verifiedName: channels.verifiedName,
      qualityRating: channels.qualityRating,
      accessTokenEncrypted: channels.accessTokenEncrypted,
      workspaceName: workspaces.name,
    })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .where(eq(channels.phoneNumberId, phoneNumberId));
  return row ?? null;
}

export async function listWabaTokens(db: Db, wabaId: string) {
  const rows = await db
    .select({ token: channels.accessTokenEncrypted })
    .from(channels)
    .where(eq(channels.wabaId, wabaId));
  return rows.flatMap((r) => (r.token ? [r.token] : []));
}

export async function listAllTokens(db: Db) {
  const rows = await db.select({ token: channels.accessTokenEncrypted }).from(channels);
  return rows.flatMap((r) => (r.token ? [r.token] : []));
}

export async function insertSandboxMessage(db: Db, row: typeof sandboxMessages.$inferInsert) {
  await db.insert(sandboxMessages).values(row);
}

export async function listSandboxThread(db: Db, p: { phoneNumberId: string; customer: string }) {
  const rows = await db
    .select({
      wamid: sandboxMessages.wamid,
      direction: sandboxMessages.direction,
      type: sandboxMessages.type,
      body: sandboxMessages.body,
      status: sandboxMessages.status,
      errorCode: sandboxMessages.errorCode,
      createdAt: sandboxMessages.createdAt,
    })
    .from(sandboxMessages)
    .where(
      and(
        eq(sandboxMessages.phoneNumberId, p.phoneNumberId),
        eq(sandboxMessages.customer, p.customer),
      ),
    )
    .orderBy(desc(sandboxMessages.createdAt), desc(sandboxMessages.id))
    .limit(200);
  return rows.reverse();
}

export async function lastFromCustomer(db: Db, p: { phoneNumberId: string; customer: string }) {
  const [row] = await db
    .select({ createdAt: sandboxMessages.createdAt })
    .from(sandboxMessages)
    .where(
      and(
        eq(sandboxMessages.phoneNumberId, p.phoneNumberId),
        eq(sandboxMessages.customer, p.customer),
        eq(sandboxMessages.direction, "from_customer"),
      ),
    )
    .orderBy(desc(sandboxMessages.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

export async function findSandboxMessage(db: Db, wamid: string) {
  const [row] = await db.select().from(sandboxMessages).where(eq(sandboxMessages.wamid, wamid));
  return row ?? null;
}

export async function setSandboxStatus(
  db: Db,
  p: { wamids: string[]; status: "sent" | "delivered" | "read" | "failed"; errorCode?: number },
) {
  if (p.wamids.length === 0) return;
  await db
    .update(sandboxMessages)
    .set({ status: p.status, errorCode: p.errorCode ?? null, statusAt: new Date() })
    .where(inArray(sandboxMessages.wamid, p.wamids));
}

/** Messages to the customer not yet read: what the phone marks read when it shows them. */
export async function listUnreadToCustomer(db: Db, p: { phoneNumberId: string; customer: string }) {
  const rows = await db
    .select({ wamid: sandboxMessages.wamid })
    .from(sandboxMessages)
    .where(
      and(
        eq(sandboxMessages.phoneNumberId, p.phoneNumberId),
        eq(sandboxMessages.customer, p.customer),
        eq(sandboxMessages.direction, "to_customer"),
        inArray(sandboxMessages.status, ["sent", "delivered"]),
      ),
    );
  return rows.map((r) => r.wamid);
}

export async function insertSandboxMedia(db: Db, row: typeof sandboxMedia.$inferInsert) {
  await db.insert(sandboxMedia).values(row);
}

export async function getSandboxMedia(db: Db, id: string) {
  const [row] = await db.select().from(sandboxMedia).where(eq(sandboxMedia.id, id));
  return row ?? null;
}
