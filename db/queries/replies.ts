import { and, desc, eq, inArray, isNull, lt, ne, not, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import {
  answerClaims,
  answerCounters,
  channels,
  contacts,
  conversationEvents,
  conversations,
  escalations,
  messages,
  workspaces,
} from "../schema";
import { personHasIt } from "./conversation-state";
import { notifyLive } from "./live";

/** What the reply job reads about one inbound message and its surroundings. */
export const replyContextFields = {
  message: {
    id: messages.id,
    seq: messages.seq,
    type: messages.type,
    text: messages.text,
    media: messages.media,
    transcript: messages.transcript,
    payload: messages.payload,
    waMessageId: messages.waMessageId,
    replyState: messages.replyState,
    createdAt: messages.createdAt,
  },
  conversation: {
    id: conversations.id,
    status: conversations.status,
    needsHuman: conversations.needsHuman,
    lastInboundAt: conversations.lastInboundAt,
    awayNoticeUntil: conversations.awayNoticeUntil,
    unsupportedNoticeAt: conversations.unsupportedNoticeAt,
    rateLimitNoticeAt: conversations.rateLimitNoticeAt,
  },
  contact: {
    id: contacts.id,
    waId: contacts.waId,
    businessScopedUserId: contacts.businessScopedUserId,
    name: contacts.name,
    optedOut: contacts.optedOut,
    welcomedAt: contacts.welcomedAt,
  },
  channel: {
    id: channels.id,
    phoneNumberId: channels.phoneNumberId,
    status: channels.status,
    accessTokenEncrypted: channels.accessTokenEncrypted,
  },
  workspaceName: workspaces.name,
};

/** The inbound message `p` names, joined to its conversation, contact, channel and workspace. */
export function replyContextWhere(p: { workspaceId: string; messageId: string }) {
  return and(
    eq(messages.id, p.messageId),
    eq(messages.workspaceId, p.workspaceId),
    eq(messages.direction, "inbound"),
  );
}

/** Everything the reply job needs to decide about one inbound message, in one query. */
export async function loadReplyContext(db: Db, p: { workspaceId: string; messageId: string }) {
  const [row] = await db
    .select(replyContextFields)
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .where(replyContextWhere(p));
  return row ?? null;
}

const HOUR_MS = 60 * 60 * 1000;

/** The clock hour `now` falls in, the one before, and how much of the one before still counts. */
function hourWindow(now: Date) {
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return {
    hour: new Date(hour).toISOString(),
    previous: new Date(hour - HOUR_MS).toISOString(),
    weight: 1 - (now.getTime() - hour) / HOUR_MS,
  };
}

/**
 * The workspace's answers in the last hour as its counter row estimates them: this clock hour's
 * count and the share of the previous hour's that still lies within the last 60 minutes.
 */
function answersLastHour(row: SQL, now: Date): SQL {
  const w = hourWindow(now);
  return sql`(case
      when ${row}.hour_start >= ${w.hour}::timestamptz then ${row}.count + ${row}.previous_count * ${w.weight}::float8
      when ${row}.hour_start = ${w.previous}::timestamptz then ${row}.count * ${w.weight}::float8
      else 0 end)`;
}

/** The workspace's answers of the last hour (its counter's estimate), a subquery for a select. */
export const workspaceAnswersLastHourSql = (workspaceId: SQL | string, now: Date) =>
  sql<number>`coalesce((select floor(${answersLastHour(sql`ac`, now)}) from ${answerCounters} ac
      where ac.workspace_id = ${workspaceId}), 0)`.mapWith(Number);

/** The two counters behind the rate limits, as the Try it page shows them. */
export async function countRecentActivity(
  db: Db,
  p: { workspaceId: string; conversationId: string; now: Date },
) {
  const dayAgo = new Date(p.now.getTime() - 24 * HOUR_MS);
  const [row] = await db
    .select({
      workspaceAnswersLastHour: workspaceAnswersLastHourSql(p.workspaceId, p.now),
      contactMessagesLastDay: sql<number>`(
        select count(*) from ${messages}
        where ${messages.conversationId} = ${p.conversationId} and ${messages.createdAt} >= ${dayAgo.toISOString()}::timestamptz
          and ${messages.direction} = 'inbound')`.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  return row ?? { workspaceAnswersLastHour: 0, contactMessagesLastDay: 0 };
}

/** The customer's messages of the last day up to one of theirs, by arrival order (daily limit). */
export const contactMessagesUpToSql = (p: {
  workspaceId: SQL | string;
  conversationId: SQL | string;
  upToSeq: SQL | number;
  now: Date;
}) =>
  sql<number>`(select count(*) from ${messages} counted
      where counted.workspace_id = ${p.workspaceId} and counted.conversation_id = ${p.conversationId}
        and counted.direction = 'inbound'
        and counted.created_at >= ${new Date(p.now.getTime() - 24 * HOUR_MS).toISOString()}::timestamptz
        and counted.seq <= ${p.upToSeq})`.mapWith(Number);

/** The customer's messages of the last day up to this one, by arrival order (the daily limit). */
export async function countContactMessagesUpTo(
  db: Db,
  p: { workspaceId: string; conversationId: string; upToSeq: number; now: Date },
): Promise<number> {
  const [row] = await db.select({ count: contactMessagesUpToSql(p) }).from(sql`(select 1) as one`);
  return row?.count ?? 0;
}

/**
 * Claims one of the workspace's answers for the hour for this message, in one statement: the
 * guarded upsert of the workspace's counter row checks and counts together (concurrent claims
 * wait on the row), so a burst of customers cannot pass the limit together, on any number of
 * servers. Claiming again for the same message answers as the first time did.
 */
export async function claimAnswer(
  db: Db,
  p: { workspaceId: string; messageId: string; limit: number; now: Date },
): Promise<boolean> {
  const w = hourWindow(p.now);
  const rows = await queryRows<{ claimed: boolean }>(
    db,
    sql`with existing as (
          select 1 from ${answerClaims} where ${answerClaims.messageId} = ${p.messageId}
        ), counted as (
          insert into ${answerCounters} as ac (workspace_id, hour_start, count, previous_count)
          select ${p.workspaceId}, ${w.hour}::timestamptz, 1, 0
          where not exists (select 1 from existing) and ${p.limit} > 0
          on conflict (workspace_id) do update set
            previous_count = case
              when ac.hour_start >= ${w.hour}::timestamptz then ac.previous_count
              when ac.hour_start = ${w.previous}::timestamptz then ac.count
              else 0 end,
            count = case when ac.hour_start >= ${w.hour}::timestamptz then ac.count + 1 else 1 end,
            hour_start = greatest(ac.hour_start, ${w.hour}::timestamptz)
          where ${answersLastHour(sql`ac`, p.now)} < ${p.limit}
          returning 1
        ), inserted as (
          insert into ${answerClaims} (message_id, workspace_id, claimed_at)
          select ${p.messageId}, ${p.workspaceId}, ${p.now.toISOString()}::timestamptz from counted
          on conflict do nothing
          returning 1
        )
        -- Counted here but claimed by a concurrent run of the same message: still this message's.
        select exists (select 1 from existing) or exists (select 1 from inserted)
          or exists (select 1 from counted) as claimed`,
  );
  return rows[0]?.claimed === true;
}

/**
 * Forgets answer claims past any limit's window (they only keep a repeated run from counting its
 * message twice), at most `limit` of them per call, oldest first.
 */
export async function pruneAnswerClaims(db: Db, p: { now: Date; limit: number }) {
  const cutoff = new Date(p.now.getTime() - 2 * HOUR_MS).toISOString();
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
          delete from ${answerClaims} where message_id in (
            select message_id from ${answerClaims} where claimed_at < ${cutoff}::timestamptz
             order by claimed_at limit ${p.limit})
          returning 1)
        select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}

/** The conversation's last turns before a message, oldest first, for the AI's context. */
export async function listRecentTurns(
  db: Db,
  p: { workspaceId: string; conversationId: string; beforeSeq: number; limit: number },
) {
  const rows = await db
    .select({ direction: messages.direction, text: messages.text })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.conversationId, p.conversationId),
        lt(messages.seq, p.beforeSeq),
        sql`${messages.text} is not null`,
        sql`${messages.status} <> 'failed'`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(p.limit);
  return rows.reverse();
}

/**
 * Opts the contact out or back in, and records the change in the conversation it came from. A
 * repeat (the job retried, or STOP sent twice) changes nothing and records nothing.
 */
export async function setContactOptOut(
  db: Db,
  p: { workspaceId: string; contactId: string; conversationId: string; optedOut: boolean },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(contacts)
      .set({ optedOut: p.optedOut, optedOutAt: p.optedOut ? new Date() : null })
      .where(
        and(
          eq(contacts.id, p.contactId),
          eq(contacts.workspaceId, p.workspaceId),
          ne(contacts.optedOut, p.optedOut),
        ),
      )
      .returning({ id: contacts.id });
    if (changed.length === 0) return false;
    await tx.insert(conversationEvents).values({
      workspaceId: p.workspaceId,
      conversationId: p.conversationId,
      kind: p.optedOut ? "opted_out" : "opted_in",
    });
    return true;
  });
}

const NOTICE_COLUMNS = {
  unsupported: "unsupportedNoticeAt",
  rate_limit: "rateLimitNoticeAt",
  away: "awayNoticeUntil",
} as const;

type NoticeClaim = {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  kind: "welcome" | "unsupported" | "rate_limit" | "away";
  now: Date;
  until?: Date;
};

/**
 * Claims a once-only notice (compare-and-set), so two jobs never both send it. The welcome is
 * once per contact; the others once per day, or until the business opens again.
 */
export async function claimNotice(db: Db, c: NoticeClaim): Promise<boolean> {
  const dayAgo = new Date(c.now.getTime() - 24 * 60 * 60 * 1000);
  if (c.kind === "welcome") {
    const rows = await db
      .update(contacts)
      .set({ welcomedAt: c.now })
      .where(
        and(
          eq(contacts.id, c.contactId),
          eq(contacts.workspaceId, c.workspaceId),
          isNull(contacts.welcomedAt),
        ),
      )
      .returning({ id: contacts.id });
    return rows.length > 0;
  }
  const property = NOTICE_COLUMNS[c.kind];
  const column = conversations[property];
  // The away notice holds until the business opens; the others for a day.
  const value = c.kind === "away" ? (c.until ?? c.now) : c.now;
  const free = c.kind === "away" ? lt(column, c.now) : lt(column, dayAgo);
  const rows = await db
    .update(conversations)
    .set({ [property]: value })
    .where(
      and(
        eq(conversations.id, c.conversationId),
        eq(conversations.workspaceId, c.workspaceId),
        or(isNull(column), free),
      ),
    )
    .returning({ id: conversations.id });
  return rows.length > 0;
}

/**
 * Whether the bot must not send in the conversation: a person has it, or it waits for one
 * (status "human" either way).
 */
export async function personHandles(
  db: Db,
  p: { workspaceId: string; conversationId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ status: conversations.status })
    .from(conversations)
    .where(
      and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
    );
  return row?.status === "human";
}

// Reasons that stop the bot in the conversation; the others only flag it for a person.
const STOPS_BOT = new Set(["requested", "reply_failed", "rate_limited"]);

/**
 * Flags the conversation for a person (and, for a customer's request or a failed reply, stops the
 * bot in it), and records the escalation. Returns the escalation's id when the conversation did
 * not already wait for a person, so the escalation contact is told once.
 */
export async function handOff(
  db: Db,
  p: {
    workspaceId: string;
    conversationId: string;
    messageId: string;
    reason: (typeof escalations.$inferInsert)["reason"];
  },
): Promise<string | null> {
  const stopBot = STOPS_BOT.has(p.reason);
  const flagged = await db
    .update(conversations)
    .set({
      needsHuman: true,
      handoffReason: p.reason,
      handoffAt: new Date(),
      ...(stopBot && { status: "human" as const }),
    })
    .where(
      and(
        eq(conversations.id, p.conversationId),
        eq(conversations.workspaceId, p.workspaceId),
        eq(conversations.needsHuman, false),
        not(personHasIt),
      ),
    )
    .returning({ id: conversations.id, assigneeId: conversations.assigneeId });
  const [handed] = flagged;
  if (handed) {
    await notifyLive(db, [
      { w: p.workspaceId, c: p.conversationId, k: "handoff", a: handed.assigneeId },
    ]);
  }
  if (flagged.length === 0) {
    if (stopBot) {
      await db
        .update(conversations)
        .set({ status: "human" })
        .where(
          and(
            eq(conversations.id, p.conversationId),
            eq(conversations.workspaceId, p.workspaceId),
            not(personHasIt),
          ),
        );
      await notifyLive(db, [{ w: p.workspaceId, c: p.conversationId, k: "conversation" }]);
    }
    return null;
  }
  const [row] = await db
    .insert(escalations)
    .values({
      workspaceId: p.workspaceId,
      conversationId: p.conversationId,
      messageId: p.messageId,
      reason: p.reason,
    })
    .onConflictDoNothing()
    .returning({ id: escalations.id });
  return row?.id ?? null;
}

/**
 * What telling the escalation contact came to: the WhatsApp alert WhatsApp accepted (its delivery
 * is recorded later, from the status webhook, as `whatsapp_notified_at`), the e-mail handed to
 * SMTP, and why anything did not go.
 */
export async function recordEscalationNotice(
  db: Db,
  p: {
    workspaceId: string;
    id: string;
    alertWaMessageId: string | null;
    email: boolean;
    error: string | null;
  },
) {
  const now = new Date();
  await db
    .update(escalations)
    .set({
      ...(p.alertWaMessageId && {
        alertWaMessageId: p.alertWaMessageId,
        // A status webhook may have come in first (delivered, read): it is not set back to sent.
        alertStatus: sql`coalesce(${escalations.alertStatus}, 'sent')`,
        alertStatusAt: sql`coalesce(${escalations.alertStatusAt}, ${now.toISOString()}::timestamptz)`,
      }),
      ...(p.email && { emailNotifiedAt: now }),
      notifyError: p.error,
    })
    .where(and(eq(escalations.id, p.id), eq(escalations.workspaceId, p.workspaceId)));
}

/**
 * Flags conversations whose last outbound message failed because the 24-hour window had closed;
 * returns those it flagged.
 */
export async function flagWindowClosed(
  db: Db,
  p: { workspaceId: string; channelId: string; waMessageIds: string[] },
): Promise<string[]> {
  if (p.waMessageIds.length === 0) return [];
  const flagged = await db
    .update(conversations)
    .set({ needsHuman: true, handoffReason: "window_closed", handoffAt: new Date() })
    .where(
      and(
        eq(conversations.workspaceId, p.workspaceId),
        // A person's own reply failing is shown on the reply; the conversation stays theirs.
        not(personHasIt),
        inArray(
          conversations.id,
          db
            .select({ id: messages.conversationId })
            .from(messages)
            .where(
              and(
                eq(messages.workspaceId, p.workspaceId),
                eq(messages.channelId, p.channelId),
                inArray(messages.waMessageId, p.waMessageIds),
              ),
            ),
        ),
      ),
    )
    .returning({ id: conversations.id, assigneeId: conversations.assigneeId });
  await notifyLive(
    db,
    flagged.map((c) => ({ w: p.workspaceId, c: c.id, k: "handoff" as const, a: c.assigneeId })),
  );
  return flagged.map((c) => c.id);
}
