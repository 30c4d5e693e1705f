import { and, desc, eq, inArray, isNull, lt, ne, not, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import {
  answerClaims,
  answerCounters,
  botSettings,
  channels,
  contacts,
  conversationEvents,
  conversations,
  escalations,
  faqs,
  messages,
  workspaces,
} from "../schema";
import { personHasIt } from "./conversation-state";

/** What the reply job reads about one inbound message and its surroundings. */
export const replyContextFields = {
  message: {
    id: messages.id,
    seq: messages.seq,
    type: messages.type,
    text: messages.text,
    media: messages.media,
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

/** The workspace's bot settings, created with the defaults on first use. */
export async function getBotSettings(db: Db, workspaceId: string) {
  const [found] = await db
    .select()
    .from(botSettings)
    .where(eq(botSettings.workspaceId, workspaceId));
  if (found) return found;
  await db.insert(botSettings).values({ workspaceId }).onConflictDoNothing();
  const [created] = await db
    .select()
    .from(botSettings)
    .where(eq(botSettings.workspaceId, workspaceId));
  if (!created) throw new Error("Bot settings could not be created");
  return created;
}

export type BotSettingsRow = Awaited<ReturnType<typeof getBotSettings>>;

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
        select exists (select 1 from existing) or exists (select 1 from inserted) as claimed`,
  );
  return rows[0]?.claimed === true;
}

/** Forgets answer claims past any limit's window (called now and then, not per message). */
export async function pruneAnswerClaims(db: Db, p: { workspaceId: string; now: Date }) {
  const cutoff = new Date(p.now.getTime() - 2 * 60 * 60 * 1000);
  await db
    .delete(answerClaims)
    .where(and(eq(answerClaims.workspaceId, p.workspaceId), lt(answerClaims.claimedAt, cutoff)));
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
) {
  await db.transaction(async (tx) => {
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
    if (changed.length === 0) return;
    await tx.insert(conversationEvents).values({
      workspaceId: p.workspaceId,
      conversationId: p.conversationId,
      kind: p.optedOut ? "opted_out" : "opted_in",
    });
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

export type OutboundReply = {
  workspaceId: string;
  conversationId: string;
  channelId: string;
  replyToId: string;
  replyKey: string;
  text: string;
  source: "faq" | "ai" | "system";
  kind: string;
  faqId?: string | null;
  aiModel?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  costMicros?: number | null;
  latencyMs?: number | null;
};

/**
 * The row for one reply, created once per key: a job that runs again finds the same row, and
 * sends it only if it has no WhatsApp id yet.
 */
export async function prepareOutbound(db: Db, r: OutboundReply) {
  await db
    .insert(messages)
    .values({
      workspaceId: r.workspaceId,
      conversationId: r.conversationId,
      channelId: r.channelId,
      direction: "outbound",
      type: "text",
      text: r.text,
      replyKind: r.kind,
      status: "pending",
      source: r.source,
      faqId: r.faqId ?? null,
      aiModel: r.aiModel ?? null,
      promptTokens: r.promptTokens ?? null,
      completionTokens: r.completionTokens ?? null,
      costMicros: r.costMicros ?? null,
      latencyMs: r.latencyMs ?? null,
      replyToId: r.replyToId,
      replyKey: r.replyKey,
    })
    .onConflictDoNothing({ target: messages.replyKey });
  const [row] = await db
    .select({
      id: messages.id,
      waMessageId: messages.waMessageId,
      status: messages.status,
      text: messages.text,
      sendingAt: messages.sendingAt,
    })
    .from(messages)
    .where(and(eq(messages.replyKey, r.replyKey), eq(messages.workspaceId, r.workspaceId)));
  if (!row) throw new Error(`Reply ${r.replyKey} was neither created nor found`);
  return row;
}

export type CreatedReply =
  | { state: "claimed"; id: string; text: string }
  /** A person has the conversation: nothing was created. */
  | { state: "person_handles" }
  /** A row exists under the key already (a run repeated): see `prepareOutbound`. */
  | { state: "exists" };

/**
 * The usual first run of a reply, in one statement: creates its row under the key already claimed
 * for one Graph call (as `claimSend` claims), unless a person has the conversation (when
 * `unlessPersonHandles`) or a row exists under the key. The claim is committed before the call.
 */
export async function createClaimedReply(
  db: Db,
  r: OutboundReply & { unlessPersonHandles: boolean; now: Date },
): Promise<CreatedReply> {
  const now = r.now.toISOString();
  const rows = await queryRows<{ id: string | null; person: boolean | null }>(
    db,
    sql`with person as (
          select ${conversations.status} = 'human' as handles from ${conversations}
          where ${conversations.id} = ${r.conversationId} and ${conversations.workspaceId} = ${r.workspaceId}
        ), inserted as (
          insert into ${messages} (workspace_id, conversation_id, channel_id, direction, type, text,
            reply_kind, status, source, faq_id, ai_model, prompt_tokens, completion_tokens, cost_micros,
            latency_ms, reply_to_id, reply_key, sending_at, send_attempts)
          select ${r.workspaceId}::uuid, ${r.conversationId}::uuid, ${r.channelId}::uuid,
            'outbound'::message_direction, 'text', ${r.text}::text,
            ${r.kind}::text, 'pending'::message_status,
            ${r.source}::message_source, ${r.faqId ?? null}::uuid, ${r.aiModel ?? null}::text,
            ${r.promptTokens ?? null}::int, ${r.completionTokens ?? null}::int,
            ${r.costMicros ?? null}::int, ${r.latencyMs ?? null}::int, ${r.replyToId}::uuid,
            ${r.replyKey}::text, ${now}::timestamptz, 1
          where not (${r.unlessPersonHandles} and coalesce((select handles from person), false))
          on conflict (reply_key) do nothing
          returning id
        )
        select (select id from inserted) as id,
          ${r.unlessPersonHandles} and coalesce((select handles from person), false) as person`,
  );
  const row = rows[0];
  if (row?.id) return { state: "claimed", id: row.id, text: r.text };
  if (row?.person) return { state: "person_handles" };
  return { state: "exists" };
}

/** Drops a bot reply prepared but never sent, once a person has the conversation. */
export async function dropUnsentReply(db: Db, p: { workspaceId: string; replyKey: string }) {
  await db.delete(messages).where(
    and(
      eq(messages.replyKey, p.replyKey),
      eq(messages.workspaceId, p.workspaceId),
      eq(messages.status, "pending"),
      isNull(messages.waMessageId),
      // A row ever claimed may have reached the customer: it stays to be reconciled.
      isNull(messages.sendingAt),
      eq(messages.sendAttempts, 0),
    ),
  );
}

/** A reply row still waiting to be sent or confirmed, under its key. */
export async function findUnsentReply(db: Db, p: { workspaceId: string; replyKey: string }) {
  const [row] = await db
    .select({ id: messages.id, sendingAt: messages.sendingAt })
    .from(messages)
    .where(
      and(
        eq(messages.replyKey, p.replyKey),
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.status, "pending"),
        isNull(messages.waMessageId),
      ),
    );
  return row ?? null;
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

export type SendClaim =
  | { state: "claimed"; attempt: number }
  | { state: "sent"; waMessageId: string }
  | { state: "failed" }
  | { state: "in_doubt"; retryAt: Date; attempts: number };

/**
 * Claims an outbound row for one Graph call, committed before the call: a row with no WhatsApp id
 * whose last claim is older than `reconcileMs` (no status webhook reconciled it meanwhile) may be
 * claimed again, at most `maxAttempts` times in all. Otherwise says what became of the row.
 */
export async function claimSend(
  db: Db,
  p: { workspaceId: string; id: string; reconcileMs: number; maxAttempts: number; now?: Date },
): Promise<SendClaim> {
  const now = p.now ?? new Date();
  const staleBefore = new Date(now.getTime() - p.reconcileMs);
  const [claimed] = await db
    .update(messages)
    .set({ sendingAt: now, sendAttempts: sql`${messages.sendAttempts} + 1` })
    .where(
      and(
        eq(messages.id, p.id),
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.status, "pending"),
        isNull(messages.waMessageId),
        lt(messages.sendAttempts, p.maxAttempts),
        or(isNull(messages.sendingAt), lt(messages.sendingAt, staleBefore)),
      ),
    )
    .returning({ attempt: messages.sendAttempts });
  if (claimed) return { state: "claimed", attempt: claimed.attempt };
  const [row] = await db
    .select({
      waMessageId: messages.waMessageId,
      status: messages.status,
      sendingAt: messages.sendingAt,
      sendAttempts: messages.sendAttempts,
    })
    .from(messages)
    .where(and(eq(messages.id, p.id), eq(messages.workspaceId, p.workspaceId)));
  if (!row) throw new Error(`Outbound message ${p.id} does not exist`);
  if (row.waMessageId) return { state: "sent", waMessageId: row.waMessageId };
  if (row.status === "failed") return { state: "failed" };
  const since = row.sendingAt ?? now;
  return {
    state: "in_doubt",
    retryAt: new Date(since.getTime() + p.reconcileMs),
    attempts: row.sendAttempts,
  };
}

/** Gives a claim back when WhatsApp refused the call outright, so a retry may claim at once. */
export async function releaseSend(db: Db, p: { workspaceId: string; id: string }) {
  await db
    .update(messages)
    .set({ sendingAt: null, sendAttempts: sql`greatest(${messages.sendAttempts} - 1, 0)` })
    .where(
      and(
        eq(messages.id, p.id),
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.status, "pending"),
        isNull(messages.waMessageId),
      ),
    );
}

/** Records the send: WhatsApp's id, the time from the customer's message, the thread's preview. */
export async function markOutboundSent(
  db: Db,
  p: {
    workspaceId: string;
    id: string;
    conversationId: string;
    waMessageId: string;
    latencyMs: number | null;
    preview: string;
  },
) {
  const now = new Date();
  await db
    .update(messages)
    .set({
      waMessageId: p.waMessageId,
      // A status webhook naming this row may have recorded the send (and a later status) first.
      status: sql`case when ${messages.status} = 'pending' then 'sent'::message_status else ${messages.status} end`,
      statusAt: sql`coalesce(${messages.statusAt}, ${now.toISOString()}::timestamptz)`,
      latencyMs: p.latencyMs,
      // A person's queued reply is done once WhatsApp has it; bot replies carry no reply state.
      replyState: sql`case when ${messages.replyState} is null then null else 'handled'::reply_state end`,
    })
    .where(
      and(
        eq(messages.id, p.id),
        eq(messages.workspaceId, p.workspaceId),
        or(
          eq(messages.status, "pending"),
          and(eq(messages.waMessageId, p.waMessageId), not(eq(messages.status, "failed"))),
        ),
      ),
    );
  await db
    .update(conversations)
    .set({
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${now.toISOString()}::timestamptz)`,
      lastMessagePreview: p.preview.slice(0, 200),
    })
    .where(
      and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
    );
}

/**
 * `markOutboundSent` for a bot reply that ends its run, with the run's end in the same statement:
 * the question is marked with how it ended (if still pending), the conversation is given back to
 * the next run, and a matched FAQ entry counts the hit, all only when this call records the send.
 */
export async function markReplySentAndFinish(
  db: Db,
  p: {
    workspaceId: string;
    id: string;
    conversationId: string;
    waMessageId: string;
    latencyMs: number | null;
    preview: string;
    question: { messageId: string; state: "handled" | "skipped" };
  },
): Promise<boolean> {
  const now = new Date().toISOString();
  const rows = await queryRows<{ recorded: boolean }>(
    db,
    sql`with sent as (
          update ${messages} set
            wa_message_id = ${p.waMessageId},
            status = case when status = 'pending' then 'sent'::message_status else status end,
            status_at = coalesce(status_at, ${now}::timestamptz),
            latency_ms = ${p.latencyMs}::int
          where id = ${p.id} and workspace_id = ${p.workspaceId}
            and (status = 'pending' or (wa_message_id = ${p.waMessageId} and status <> 'failed'))
          returning faq_id
        ), conversation as (
          update ${conversations} set
            last_message_at = greatest(last_message_at, ${now}::timestamptz),
            last_message_preview = ${p.preview.slice(0, 200)},
            reply_lease_message_id = case when reply_lease_message_id = ${p.question.messageId}::uuid
              then null else reply_lease_message_id end,
            reply_lease_until = case when reply_lease_message_id = ${p.question.messageId}::uuid
              then null else reply_lease_until end
          where id = ${p.conversationId} and workspace_id = ${p.workspaceId}
            and exists (select 1 from sent)
        ), question as (
          update ${messages} set reply_state = ${p.question.state}::reply_state
          where id = ${p.question.messageId} and workspace_id = ${p.workspaceId}
            and reply_state = 'pending' and exists (select 1 from sent)
        ), hit as (
          update ${faqs} set hit_count = hit_count + 1, last_matched_at = ${now}::timestamptz
          where id = (select faq_id from sent) and workspace_id = ${p.workspaceId}
        )
        select exists (select 1 from sent) as recorded`,
  );
  return rows[0]?.recorded === true;
}

export async function markOutboundFailed(
  db: Db,
  p: { workspaceId: string; id: string; errorCode: number; errorDetails: string },
) {
  await db
    .update(messages)
    .set({
      status: "failed",
      statusAt: new Date(),
      errorCode: p.errorCode,
      errorDetails: p.errorDetails,
      replyState: sql`case when ${messages.replyState} is null then null else 'failed'::reply_state end`,
    })
    .where(
      and(
        eq(messages.id, p.id),
        eq(messages.workspaceId, p.workspaceId),
        // A status webhook may have recorded the send meanwhile: then it was not a failure.
        eq(messages.status, "pending"),
        isNull(messages.waMessageId),
      ),
    );
}

/**
 * After the last retry: replies to `replyToId` whose send is in doubt are marked unconfirmed
 * (they may have reached the customer), never "not sent".
 */
export async function markUnconfirmedReplies(
  db: Db,
  p: { workspaceId: string; replyToId: string; details: string },
) {
  await db
    .update(messages)
    .set({ status: "failed", statusAt: new Date(), errorCode: -7, errorDetails: p.details })
    .where(
      and(
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.replyToId, p.replyToId),
        eq(messages.direction, "outbound"),
        eq(messages.status, "pending"),
        isNull(messages.waMessageId),
        sql`${messages.sendingAt} is not null`,
      ),
    );
}

/** Whether a reply row exists under this key (a notice claimed by an earlier run of the job). */
export async function replyExists(db: Db, p: { workspaceId: string; replyKey: string }) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.replyKey, p.replyKey), eq(messages.workspaceId, p.workspaceId)));
  return row !== undefined;
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
    .returning({ id: conversations.id });
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

/** The number's state and encrypted token, read at the moment of sending. */
export async function getChannelCredentials(db: Db, p: { workspaceId: string; channelId: string }) {
  const [row] = await db
    .select({ status: channels.status, accessTokenEncrypted: channels.accessTokenEncrypted })
    .from(channels)
    .where(and(eq(channels.id, p.channelId), eq(channels.workspaceId, p.workspaceId)));
  return row ?? null;
}

/**
 * Cheap fingerprint of a workspace's FAQ: changes on every add, edit, (de)activation or delete.
 * It sums the edit times rather than taking the latest: an edit whose time is not the newest (a
 * long import transaction committing after a quick edit, or another server's clock) still
 * changes the sum, where it would leave a maximum as it was.
 */
export async function faqVersion(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ version: faqVersionSql(workspaceId) })
    .from(sql`(select 1) as one`);
  return row?.version ?? "0:0:";
}

/** `faqVersion` as a subquery, to read it with other things in one statement. */
export const faqVersionSql = (workspaceId: SQL | string) =>
  sql<string>`(select count(*) || ':' || count(*) filter (where versioned.active) || ':'
      || coalesce(sum(extract(epoch from versioned.updated_at))::text, '')
    from ${faqs} versioned where versioned.workspace_id = ${workspaceId})`;

export async function listActiveFaqs(db: Db, workspaceId: string) {
  return db
    .select({
      id: faqs.id,
      question: faqs.question,
      answer: faqs.answer,
      keywords: faqs.keywords,
      examples: faqs.examples,
      priority: faqs.priority,
    })
    .from(faqs)
    .where(and(eq(faqs.workspaceId, workspaceId), eq(faqs.active, true)));
}

/** Counts a match; the edit time is kept, so counting does not invalidate the matcher's cache. */
export async function recordFaqHit(db: Db, p: { workspaceId: string; faqId: string }) {
  await db
    .update(faqs)
    .set({
      hitCount: sql`${faqs.hitCount} + 1`,
      lastMatchedAt: new Date(),
      updatedAt: sql`${faqs.updatedAt}`,
    })
    .where(and(eq(faqs.id, p.faqId), eq(faqs.workspaceId, p.workspaceId)));
}

/** Conversations whose last outbound message failed because the 24-hour window had closed. */
export async function flagWindowClosed(
  db: Db,
  p: { workspaceId: string; channelId: string; waMessageIds: string[] },
) {
  if (p.waMessageIds.length === 0) return;
  await db
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
    );
}
