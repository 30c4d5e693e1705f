import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { cannedReplies, conversationLabels, conversations, labels } from "../schema";
import { type ByUser, recordEvent, transition } from "./inbox-actions";
import { liveNotify } from "./live";

type Scope = { workspaceId: string };
type Item = Scope & { id: string };
type Priority = (typeof conversations.$inferSelect)["priority"];

// ── Canned replies ──────────────────────────────────────────────────────────────────────────────

const cannedColumns = {
  id: cannedReplies.id,
  title: cannedReplies.title,
  shortcut: cannedReplies.shortcut,
  body: cannedReplies.body,
};

export async function listCannedReplies(db: Db, p: Scope) {
  return db
    .select(cannedColumns)
    .from(cannedReplies)
    .where(eq(cannedReplies.workspaceId, p.workspaceId))
    .orderBy(asc(cannedReplies.shortcut));
}

export type CannedReply = Awaited<ReturnType<typeof listCannedReplies>>[number];
type CannedFields = { title: string; shortcut: string; body: string };

/** Null when the shortcut is taken in the workspace. */
export async function createCannedReply(db: Db, p: Scope & CannedFields) {
  const [row] = await db
    .insert(cannedReplies)
    .values(p)
    .onConflictDoNothing({ target: [cannedReplies.workspaceId, cannedReplies.shortcut] })
    .returning(cannedColumns);
  return row ?? null;
}

/** "taken" when another reply has the shortcut; null when there is no such reply. */
export async function updateCannedReply(db: Db, p: Item & CannedFields) {
  return db.transaction(async (tx) => {
    const [other] = await tx
      .select({ id: cannedReplies.id })
      .from(cannedReplies)
      .where(
        and(
          eq(cannedReplies.workspaceId, p.workspaceId),
          eq(cannedReplies.shortcut, p.shortcut),
          ne(cannedReplies.id, p.id),
        ),
      );
    if (other) return "taken" as const;
    const [row] = await tx
      .update(cannedReplies)
      .set({ title: p.title, shortcut: p.shortcut, body: p.body })
      .where(and(eq(cannedReplies.id, p.id), eq(cannedReplies.workspaceId, p.workspaceId)))
      .returning(cannedColumns);
    return row ?? null;
  });
}

export async function deleteCannedReply(db: Db, p: Item) {
  const [row] = await db
    .delete(cannedReplies)
    .where(and(eq(cannedReplies.id, p.id), eq(cannedReplies.workspaceId, p.workspaceId)))
    .returning(cannedColumns);
  return row ?? null;
}

// ── Labels ──────────────────────────────────────────────────────────────────────────────────────

const labelColumns = { id: labels.id, name: labels.name, color: labels.color };

export async function listLabels(db: Db, p: Scope) {
  return db
    .select(labelColumns)
    .from(labels)
    .where(eq(labels.workspaceId, p.workspaceId))
    .orderBy(sql`lower(${labels.name})`);
}

export type Label = Awaited<ReturnType<typeof listLabels>>[number];
type LabelFields = { name: string; color: Label["color"] };

const nameTaken = (db: Db, p: Scope & { name: string; exceptId?: string }) =>
  db
    .select({ id: labels.id })
    .from(labels)
    .where(
      and(
        eq(labels.workspaceId, p.workspaceId),
        sql`lower(${labels.name}) = lower(${p.name})`,
        p.exceptId ? ne(labels.id, p.exceptId) : undefined,
      ),
    )
    .then((rows) => rows.length > 0);

/** Null when a label of that name (whatever its case) exists in the workspace. */
export async function createLabel(db: Db, p: Scope & LabelFields) {
  const [row] = await db.insert(labels).values(p).onConflictDoNothing().returning(labelColumns);
  return row ?? null;
}

/** "taken" when another label has the name; null when there is no such label. */
export async function updateLabel(db: Db, p: Item & LabelFields) {
  return db.transaction(async (tx) => {
    if (await nameTaken(tx, { ...p, exceptId: p.id })) return "taken" as const;
    const [row] = await tx
      .update(labels)
      .set({ name: p.name, color: p.color })
      .where(and(eq(labels.id, p.id), eq(labels.workspaceId, p.workspaceId)))
      .returning(labelColumns);
    return row ?? null;
  });
}

/** Removes the label from every conversation too. */
export async function deleteLabel(db: Db, p: Item) {
  const [row] = await db
    .delete(labels)
    .where(and(eq(labels.id, p.id), eq(labels.workspaceId, p.workspaceId)))
    .returning(labelColumns);
  return row ?? null;
}

/**
 * Puts a label on a conversation (or takes it off) and records it in the thread. "no_label" when
 * the label is not the workspace's; null when the conversation is not.
 */
export async function setConversationLabel(
  db: Db,
  p: ByUser & { labelId: string; on: boolean },
): Promise<{ changed: boolean } | null | "no_label"> {
  return db.transaction(async (tx) => {
    const [label] = await tx
      .select({ name: labels.name })
      .from(labels)
      .where(and(eq(labels.id, p.labelId), eq(labels.workspaceId, p.workspaceId)));
    if (!label) return "no_label";
    const [conversation] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
      );
    if (!conversation) return null;
    const changed = p.on
      ? await tx
          .insert(conversationLabels)
          .values({
            workspaceId: p.workspaceId,
            conversationId: p.conversationId,
            labelId: p.labelId,
          })
          .onConflictDoNothing()
          .returning({ id: conversationLabels.labelId })
      : await tx
          .delete(conversationLabels)
          .where(
            and(
              eq(conversationLabels.conversationId, p.conversationId),
              eq(conversationLabels.labelId, p.labelId),
              eq(conversationLabels.workspaceId, p.workspaceId),
            ),
          )
          .returning({ id: conversationLabels.labelId });
    if (changed.length === 0) return { changed: false };
    await recordEvent(tx, {
      ...p,
      kind: p.on ? "labeled" : "unlabeled",
      actorId: p.userId,
      body: label.name,
    });
    return { changed: true };
  });
}

/** The ids of a conversation's labels, by name. */
export async function conversationLabelIds(db: Db, p: Scope & { conversationId: string }) {
  const rows = await db
    .select({ id: conversationLabels.labelId })
    .from(conversationLabels)
    .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
    .where(
      and(
        eq(conversationLabels.conversationId, p.conversationId),
        eq(conversationLabels.workspaceId, p.workspaceId),
      ),
    )
    .orderBy(sql`lower(${labels.name})`);
  return rows.map((r) => r.id);
}

// ── Priority and snooze ─────────────────────────────────────────────────────────────────────────

export function setPriority(db: Db, p: ByUser & { priority: Priority }) {
  return transition(db, {
    ...p,
    kind: "prioritized",
    body: p.priority,
    set: { priority: p.priority },
    when: ne(conversations.priority, p.priority),
  });
}

/**
 * Out of the working tabs until `until` (null: back now). A closed conversation cannot be
 * snoozed: it is already out of them.
 */
export function snoozeConversation(db: Db, p: ByUser & { until: Date | null }) {
  if (p.until === null) {
    return transition(db, {
      ...p,
      kind: "unsnoozed",
      set: { snoozedUntil: null },
      when: sql`${conversations.snoozedUntil} > now()`,
    });
  }
  return transition(db, {
    ...p,
    kind: "snoozed",
    body: p.until.toISOString(),
    set: { snoozedUntil: p.until },
    when: sql`${conversations.status} <> 'closed' and ${conversations.snoozedUntil} is distinct from ${p.until.toISOString()}::timestamptz`,
  });
}

/**
 * Clears the snoozes whose time has come and records each wake-up in its thread (the list shows
 * them from that moment anyway). Returns how many woke.
 */
export async function wakeSnoozed(db: Db, p: { now: Date; limit: number }): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with due as (
          select id from ${conversations}
           where ${conversations.snoozedUntil} is not null
             and ${conversations.snoozedUntil} <= ${p.now.toISOString()}::timestamptz
           order by ${conversations.snoozedUntil} limit ${p.limit}
           for update skip locked
        ),
        woken as (
          update ${conversations} c set snoozed_until = null, updated_at = now()
            from due where c.id = due.id
          returning c.id, c.workspace_id
        ),
        recorded as (
          insert into conversation_events (workspace_id, conversation_id, kind, body)
          select workspace_id, id, 'unsnoozed', 'time' from woken
        ),
        -- Open inboxes hear of each wake-up when this statement commits.
        notified as (
          select ${liveNotify({ w: sql`workspace_id`, c: sql`id`, k: "conversation" })} from woken
        )
        select id from woken where (select count(*) from notified) >= 0`,
  );
  return rows.length;
}
