import { and, asc, desc, eq, inArray, isNull, like, lte, not, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  channels,
  memberships,
  sandboxAccounts,
  sandboxMedia,
  sandboxMessages,
  sandboxTemplates,
  workspaces,
} from "../schema";
import type { SecretContext } from "./encrypted-columns";

// The sandbox emulates Meta, which sees every number: most of these read across workspaces on
// purpose, and only sandbox routes (404 outside the sandbox) call them. What a signed-in person
// is shown goes through the member-scoped queries first.

/** The numbers of the workspaces this user belongs to: the businesses their simulated phone can reach. */
export async function listMemberSandboxNumbers(db: Db, userId: string) {
  return db
    .select({
      phoneNumberId: channels.phoneNumberId,
      displayPhoneNumber: channels.displayPhoneNumber,
      workspaceName: workspaces.name,
      status: channels.status,
      coexistence: channels.coexistence,
    })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .innerJoin(
      memberships,
      and(eq(memberships.workspaceId, channels.workspaceId), eq(memberships.userId, userId)),
    )
    .orderBy(asc(workspaces.name), asc(channels.phoneNumberId));
}

/** Whether the user belongs to the workspace holding this number. */
export async function isMemberSandboxNumber(
  db: Db,
  p: { userId: string; phoneNumberId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .innerJoin(
      memberships,
      and(eq(memberships.workspaceId, channels.workspaceId), eq(memberships.userId, p.userId)),
    )
    .where(eq(channels.phoneNumberId, p.phoneNumberId));
  return row !== undefined;
}

/** Every workspace with a number in this WABA, with this user's role there (null: not a member). */
export async function listWabaHolders(db: Db, p: { wabaId: string; userId: string }) {
  return db
    .selectDistinct({ workspaceId: channels.workspaceId, role: memberships.role })
    .from(channels)
    .leftJoin(
      memberships,
      and(eq(memberships.workspaceId, channels.workspaceId), eq(memberships.userId, p.userId)),
    )
    .where(eq(channels.wabaId, p.wabaId));
}

/** A token the emulator accepts, with the context its envelope was sealed under. */
export type SandboxToken = {
  envelope: string;
  /** What the envelope is bound to: the channel's workspace, or the account's WABA. */
  owner: string;
  context: Extract<SecretContext, "channels.access_token" | "sandbox_accounts.access_token">;
};

// A WABA shared without a phone number is kept as an account row whose key is this marker plus
// the WABA id (the key must be unique and not null); it is never listed or served as a number.
const NO_NUMBER = "no-number:";
const isNumberless = (phoneNumberId: string) => phoneNumberId.startsWith(NO_NUMBER);
const realNumbers = not(like(sandboxAccounts.phoneNumberId, `${NO_NUMBER}%`));

const accountToken = (r: { token: string; wabaId: string }): SandboxToken => ({
  envelope: r.token,
  owner: r.wabaId,
  context: "sandbox_accounts.access_token",
});
const channelToken = (r: { token: string | null; workspaceId: string }): SandboxToken[] =>
  r.token ? [{ envelope: r.token, owner: r.workspaceId, context: "channels.access_token" }] : [];

/**
 * A number as Meta knows it. Numbers made by the simulated signup answer to their account's
 * token only (a re-authorization replaces it); numbers imported directly answer to the channel's.
 */
export async function getSandboxNumber(db: Db, phoneNumberId: string) {
  if (isNumberless(phoneNumberId)) return null;
  const [channel] = await db
    .select({
      wabaId: channels.wabaId,
      displayPhoneNumber: channels.displayPhoneNumber,
      verifiedName: channels.verifiedName,
      qualityRating: channels.qualityRating,
      accessTokenEncrypted: channels.accessTokenEncrypted,
      workspaceId: channels.workspaceId,
      workspaceName: workspaces.name,
    })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .where(eq(channels.phoneNumberId, phoneNumberId));
  const account = await getSandboxAccount(db, phoneNumberId);
  if (!channel && !account) return null;
  return {
    phoneNumberId,
    wabaId: account?.wabaId ?? channel?.wabaId ?? null,
    displayPhoneNumber: account?.displayPhoneNumber ?? channel?.displayPhoneNumber ?? null,
    verifiedName: account?.verifiedName ?? channel?.verifiedName ?? null,
    qualityRating: channel?.qualityRating ?? null,
    workspaceName: channel?.workspaceName ?? null,
    /** Imported numbers count as registered; signup numbers once /register succeeded. */
    registered: account ? account.registeredAt !== null : true,
    tokens: account
      ? [accountToken({ token: account.accessTokenEncrypted, wabaId: account.wabaId })]
      : channel
        ? channelToken({ token: channel.accessTokenEncrypted, workspaceId: channel.workspaceId })
        : [],
  };
}

export type SandboxNumber = NonNullable<Awaited<ReturnType<typeof getSandboxNumber>>>;

// Channels whose number has no sandbox account: their token is Meta's truth.
const importedChannel = isNull(sandboxAccounts.phoneNumberId);

export async function listWabaTokens(db: Db, wabaId: string): Promise<SandboxToken[]> {
  const accounts = await db
    .select({ token: sandboxAccounts.accessTokenEncrypted, wabaId: sandboxAccounts.wabaId })
    .from(sandboxAccounts)
    .where(eq(sandboxAccounts.wabaId, wabaId));
  const imported = await db
    .select({ token: channels.accessTokenEncrypted, workspaceId: channels.workspaceId })
    .from(channels)
    .leftJoin(sandboxAccounts, eq(sandboxAccounts.phoneNumberId, channels.phoneNumberId))
    .where(and(eq(channels.wabaId, wabaId), importedChannel));
  return [...accounts.map(accountToken), ...imported.flatMap(channelToken)];
}

export async function listAllTokens(db: Db): Promise<SandboxToken[]> {
  const accounts = await db
    .select({ token: sandboxAccounts.accessTokenEncrypted, wabaId: sandboxAccounts.wabaId })
    .from(sandboxAccounts);
  const imported = await db
    .select({ token: channels.accessTokenEncrypted, workspaceId: channels.workspaceId })
    .from(channels)
    .leftJoin(sandboxAccounts, eq(sandboxAccounts.phoneNumberId, channels.phoneNumberId))
    .where(importedChannel);
  return [...accounts.map(accountToken), ...imported.flatMap(channelToken)];
}

/** The numbers under a WABA, as GET /{waba}/phone_numbers lists them. */
export async function listWabaPhoneNumbers(db: Db, wabaId: string) {
  const accounts = await db
    .select({
      id: sandboxAccounts.phoneNumberId,
      displayPhoneNumber: sandboxAccounts.displayPhoneNumber,
      verifiedName: sandboxAccounts.verifiedName,
    })
    .from(sandboxAccounts)
    .where(and(eq(sandboxAccounts.wabaId, wabaId), realNumbers))
    .orderBy(asc(sandboxAccounts.createdAt), asc(sandboxAccounts.phoneNumberId));
  const imported = await db
    .select({
      id: channels.phoneNumberId,
      displayPhoneNumber: channels.displayPhoneNumber,
      verifiedName: channels.verifiedName,
      workspaceName: workspaces.name,
      qualityRating: channels.qualityRating,
    })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .leftJoin(sandboxAccounts, eq(sandboxAccounts.phoneNumberId, channels.phoneNumberId))
    .where(and(eq(channels.wabaId, wabaId), importedChannel))
    .orderBy(asc(channels.createdAt), asc(channels.phoneNumberId));
  return [
    ...accounts.map((a) => ({ ...a, qualityRating: "GREEN" })),
    ...imported.map((c) => ({
      id: c.id,
      displayPhoneNumber: c.displayPhoneNumber ?? c.id,
      verifiedName: c.verifiedName ?? c.workspaceName,
      qualityRating: c.qualityRating ?? "GREEN",
    })),
  ];
}

export type SandboxAccount = typeof sandboxAccounts.$inferSelect;

export async function getSandboxAccount(db: Db, phoneNumberId: string) {
  const [row] = await db
    .select()
    .from(sandboxAccounts)
    .where(eq(sandboxAccounts.phoneNumberId, phoneNumberId));
  return row ?? null;
}

/** Any account row of a WABA (numberless or not): its business, name and token. */
export async function getSandboxWaba(db: Db, wabaId: string) {
  const [row] = await db
    .select()
    .from(sandboxAccounts)
    .where(eq(sandboxAccounts.wabaId, wabaId))
    .orderBy(asc(sandboxAccounts.createdAt))
    .limit(1);
  return row ?? null;
}

export async function createSandboxAccount(
  db: Db,
  row: Omit<typeof sandboxAccounts.$inferInsert, "phoneNumberId"> & {
    phoneNumberId: string | null;
  },
) {
  await db
    .insert(sandboxAccounts)
    .values({ ...row, phoneNumberId: row.phoneNumberId ?? `${NO_NUMBER}${row.wabaId}` });
}

/** Re-authorization: every number of the WABA now answers to the fresh token only. */
export async function replaceSandboxWabaToken(
  db: Db,
  p: { wabaId: string; accessTokenEncrypted: string },
) {
  await db
    .update(sandboxAccounts)
    .set({ accessTokenEncrypted: p.accessTokenEncrypted })
    .where(eq(sandboxAccounts.wabaId, p.wabaId));
}

/** A number added to a WABA afterwards (in WhatsApp Manager, at Meta). */
export async function addSandboxNumber(
  db: Db,
  p: { wabaId: string; phoneNumberId: string; displayPhoneNumber: string },
) {
  const numberless = await db
    .update(sandboxAccounts)
    .set({ phoneNumberId: p.phoneNumberId, displayPhoneNumber: p.displayPhoneNumber })
    .where(eq(sandboxAccounts.phoneNumberId, `${NO_NUMBER}${p.wabaId}`))
    .returning({ id: sandboxAccounts.phoneNumberId });
  if (numberless.length > 0) return true;
  const waba = await getSandboxWaba(db, p.wabaId);
  if (!waba) return false;
  await db.insert(sandboxAccounts).values({
    phoneNumberId: p.phoneNumberId,
    wabaId: p.wabaId,
    businessId: waba.businessId,
    displayPhoneNumber: p.displayPhoneNumber,
    verifiedName: waba.verifiedName,
    accessTokenEncrypted: waba.accessTokenEncrypted,
  });
  return true;
}

export async function markSandboxRegistered(db: Db, phoneNumberId: string) {
  await db
    .update(sandboxAccounts)
    .set({ registeredAt: new Date() })
    .where(eq(sandboxAccounts.phoneNumberId, phoneNumberId));
}

/**
 * Coexistence: records a one-time sync request (`smb_app_data`); false when this kind was asked
 * for before, as Meta allows each only once.
 */
export async function markSandboxSynced(
  db: Db,
  p: { phoneNumberId: string; kind: "contacts" | "history" },
): Promise<boolean> {
  const column =
    p.kind === "contacts" ? sandboxAccounts.contactsSyncedAt : sandboxAccounts.historySyncedAt;
  const rows = await db
    .update(sandboxAccounts)
    .set(p.kind === "contacts" ? { contactsSyncedAt: new Date() } : { historySyncedAt: new Date() })
    .where(and(eq(sandboxAccounts.phoneNumberId, p.phoneNumberId), isNull(column)))
    .returning({ id: sandboxAccounts.phoneNumberId });
  return rows.length > 0;
}

export async function markSandboxSubscribed(db: Db, wabaId: string) {
  await db
    .update(sandboxAccounts)
    .set({ subscribedAt: new Date() })
    .where(eq(sandboxAccounts.wabaId, wabaId));
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
  return db
    .select({
      wamid: sandboxMessages.wamid,
      // Echoed in the read receipt, as Meta echoes it in every status of the message.
      callbackData: sql<string | null>`${sandboxMessages.body}->>'biz_opaque_callback_data'`,
    })
    .from(sandboxMessages)
    .where(
      and(
        eq(sandboxMessages.phoneNumberId, p.phoneNumberId),
        eq(sandboxMessages.customer, p.customer),
        eq(sandboxMessages.direction, "to_customer"),
        inArray(sandboxMessages.status, ["sent", "delivered"]),
      ),
    );
}

export async function insertSandboxMedia(db: Db, row: typeof sandboxMedia.$inferInsert) {
  await db.insert(sandboxMedia).values(row);
}

export async function getSandboxMedia(db: Db, id: string) {
  const [row] = await db.select().from(sandboxMedia).where(eq(sandboxMedia.id, id));
  return row ?? null;
}

/**
 * A template submitted to a WABA; false when one with this name and language already exists there
 * (Meta refuses the duplicate).
 */
export async function insertSandboxTemplate(
  db: Db,
  t: Omit<typeof sandboxTemplates.$inferInsert, "createdAt">,
): Promise<boolean> {
  const rows = await db
    .insert(sandboxTemplates)
    .values(t)
    .onConflictDoNothing()
    .returning({ id: sandboxTemplates.id });
  return rows.length > 0;
}

/** The WABA's submitted templates, oldest first. */
export async function listSandboxTemplates(db: Db, wabaId: string) {
  return db
    .select()
    .from(sandboxTemplates)
    .where(eq(sandboxTemplates.wabaId, wabaId))
    .orderBy(asc(sandboxTemplates.createdAt), asc(sandboxTemplates.name));
}

export type SandboxTemplate = Awaited<ReturnType<typeof listSandboxTemplates>>[number];

/**
 * Ends the review of the WABA's templates whose review time has passed, approving or rejecting
 * each as `verdict` says; returns those it decided, once (a second caller gets none of them).
 */
export async function reviewSandboxTemplates(
  db: Db,
  wabaId: string,
  verdict: (t: SandboxTemplate) => { status: "APPROVED" | "REJECTED"; reason: string | null },
) {
  const due = await db
    .select()
    .from(sandboxTemplates)
    .where(
      and(
        eq(sandboxTemplates.wabaId, wabaId),
        eq(sandboxTemplates.status, "PENDING"),
        lte(sandboxTemplates.reviewAt, new Date()),
      ),
    );
  const decided: SandboxTemplate[] = [];
  for (const t of due) {
    const v = verdict(t);
    const [row] = await db
      .update(sandboxTemplates)
      .set({ status: v.status, rejectedReason: v.reason })
      .where(and(eq(sandboxTemplates.id, t.id), eq(sandboxTemplates.status, "PENDING")))
      .returning();
    if (row) decided.push(row);
  }
  return decided;
}

export async function getSandboxTemplate(db: Db, id: string) {
  const [row] = await db.select().from(sandboxTemplates).where(eq(sandboxTemplates.id, id));
  return row ?? null;
}

/** An edit: new content, back into review. */
export async function updateSandboxTemplate(
  db: Db,
  p: { id: string; category: string; components: Record<string, unknown>[]; reviewAt: Date },
) {
  await db
    .update(sandboxTemplates)
    .set({
      category: p.category,
      components: p.components,
      reviewAt: p.reviewAt,
      status: "PENDING",
      rejectedReason: null,
    })
    .where(eq(sandboxTemplates.id, p.id));
}

/** Deletes the WABA's template of this name (only the one id, when given); how many went. */
export async function deleteSandboxTemplates(
  db: Db,
  p: { wabaId: string; name: string; id?: string },
) {
  const rows = await db
    .delete(sandboxTemplates)
    .where(
      and(
        eq(sandboxTemplates.wabaId, p.wabaId),
        eq(sandboxTemplates.name, p.name),
        p.id ? eq(sandboxTemplates.id, p.id) : undefined,
      ),
    )
    .returning({ id: sandboxTemplates.id });
  return rows.length;
}
