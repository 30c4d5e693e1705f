import { and, asc, eq, isNull, lt, not, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { channels, conversations, faqs, messages, type UsedPassage } from "../schema";
import type { Position } from "./conversations";
import { liveNotify } from "./live";

type Scope = { workspaceId: string; channelId: string };

type ListMessagesParams = {
  workspaceId: string;
  conversationId: string;
  after?: Position;
  limit: number;
};

// Oldest first within one conversation, keyset-paginated on (created_at, id).
export async function listMessages(db: Db, params: ListMessagesParams) {
  const { workspaceId, conversationId, after, limit } = params;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      type: messages.type,
      text: messages.text,
      status: messages.status,
      source: messages.source,
      waMessageId: messages.waMessageId,
      createdAt: messages.createdAt,
      position: sql<string>`${messages.createdAt}::text`,
      seq: messages.seq,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        after
          ? sql`(${messages.createdAt}, ${messages.seq}) > (${after.at}::timestamptz, ${after.id}::bigint)`
          : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { at: last.position, id: String(last.seq) } : null,
  };
}

export type NewMessage = typeof messages.$inferInsert;

// Idempotent on (channel, WhatsApp message id): returns null when the message was stored before.
export async function insertMessage(db: Db, message: NewMessage) {
  const [row] = await db
    .insert(messages)
    .values(message)
    .onConflictDoNothing({ target: [messages.channelId, messages.waMessageId] })
    .returning({ id: messages.id });
  return row ?? null;
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
  /** An interactive message (products) sent instead of text; `text` is what the inbox shows. */
  interactive?: Record<string, unknown> | null;
  /** AI answers: the knowledge passages the model was shown. */
  knowledge?: UsedPassage[] | null;
};

export type CreatedReply =
  | { state: "claimed"; id: string; text: string }
  /** A person has the conversation: nothing was created. */
  | { state: "person_handles" }
  /** A row exists under the key already (a run repeated): see `prepareOutbound`. */
  | { state: "exists" }
  /** The number has no access token any more (disconnected): nothing was created. */
  | { state: "no_token" };

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
  const rows = await queryRows<{ id: string | null; person: boolean | null; token: boolean }>(
    db,
    sql`with person as (
          select ${conversations.status} = 'human' as handles from ${conversations}
          where ${conversations.id} = ${r.conversationId} and ${conversations.workspaceId} = ${r.workspaceId}
        ), channel as (
          select ${channels.accessTokenEncrypted} is not null as token from ${channels}
          where ${channels.id} = ${r.channelId} and ${channels.workspaceId} = ${r.workspaceId}
        ), inserted as (
          insert into ${messages} (workspace_id, conversation_id, channel_id, direction, type, text,
            payload, reply_kind, status, source, faq_id, ai_model, prompt_tokens, completion_tokens, cost_micros,
            latency_ms, knowledge, reply_to_id, reply_key, sending_at, send_attempts)
          select ${r.workspaceId}::uuid, ${r.conversationId}::uuid, ${r.channelId}::uuid,
            'outbound'::message_direction, ${r.interactive ? "interactive" : "text"}::text,
            ${r.text}::text, ${r.interactive ? JSON.stringify({ interactive: r.interactive }) : null}::jsonb,
            ${r.kind}::text, 'pending'::message_status,
            ${r.source}::message_source, ${r.faqId ?? null}::uuid, ${r.aiModel ?? null}::text,
            ${r.promptTokens ?? null}::int, ${r.completionTokens ?? null}::int,
            ${r.costMicros ?? null}::int, ${r.latencyMs ?? null}::int,
            ${r.knowledge ? JSON.stringify(r.knowledge) : null}::jsonb, ${r.replyToId}::uuid,
            ${r.replyKey}::text, ${now}::timestamptz, 1
          where not (${r.unlessPersonHandles} and coalesce((select handles from person), false))
            and (select token from channel)
          on conflict (reply_key) do nothing
          returning id
        )
        select (select id from inserted) as id,
          ${r.unlessPersonHandles} and coalesce((select handles from person), false) as person,
          coalesce((select token from channel), false) as token`,
  );
  const row = rows[0];
  if (row?.id) return { state: "claimed", id: row.id, text: r.text };
  if (row?.person) return { state: "person_handles" };
  if (!row?.token) return { state: "no_token" };
  return { state: "exists" };
}

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
      type: r.interactive ? "interactive" : "text",
      text: r.text,
      payload: r.interactive ? { interactive: r.interactive } : null,
      replyKind: r.kind,
      status: "pending",
      source: r.source,
      faqId: r.faqId ?? null,
      aiModel: r.aiModel ?? null,
      promptTokens: r.promptTokens ?? null,
      completionTokens: r.completionTokens ?? null,
      costMicros: r.costMicros ?? null,
      latencyMs: r.latencyMs ?? null,
      knowledge: r.knowledge ?? null,
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

export type SendClaim =
  | { state: "claimed"; attempt: number }
  | { state: "sent"; waMessageId: string }
  | { state: "failed" }
  | { state: "in_doubt"; retryAt: Date; attempts: number };

/**
 * Claims an outbound row for one Graph call, committed before the call: a row with no WhatsApp id
 * whose last claim is older than `reconcileMs` (no status webhook reconciled it meanwhile) may be
 * claimed again, at most `maxAttempts` times in all. Otherwise says what became of the row.
 * `heldSince` (when this process started) stretches the wait after a restart: no row in doubt is
 * claimed again until the process has been up `reconcileMs`, so the status webhooks Meta kept
 * retrying while the server was down have time to arrive.
 */
export async function claimSend(
  db: Db,
  p: {
    workspaceId: string;
    id: string;
    reconcileMs: number;
    maxAttempts: number;
    now?: Date;
    heldSince?: Date;
  },
): Promise<SendClaim> {
  const now = p.now ?? new Date();
  const staleBefore = new Date(now.getTime() - p.reconcileMs);
  const reclaimable = !p.heldSince || p.heldSince <= staleBefore;
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
        reclaimable
          ? or(isNull(messages.sendingAt), lt(messages.sendingAt, staleBefore))
          : isNull(messages.sendingAt),
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
  const claimedAt = row.sendingAt ?? now;
  const since = p.heldSince && p.heldSince > claimedAt ? p.heldSince : claimedAt;
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
  const [sent] = await db
    .update(messages)
    .set({
      waMessageId: p.waMessageId,
      // A status webhook naming this row may have recorded the send (and a later status) first.
      status: sql`case when ${messages.status} = 'pending' then 'sent'::message_status else ${messages.status} end`,
      statusAt: sql`coalesce(${messages.statusAt}, ${now.toISOString()}::timestamptz)`,
      latencyMs: p.latencyMs,
      // A person's queued reply is done once WhatsApp has it; bot replies have no queue state.
      queueState: sql`case when ${messages.queueState} is null then null else 'handled'::reply_state end`,
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
    )
    .returning({ faqId: messages.faqId });
  // An FAQ answer counts as a hit once it is sent.
  if (sent?.faqId) {
    await db
      .update(faqs)
      .set({
        hitCount: sql`${faqs.hitCount} + 1`,
        lastMatchedAt: now,
        updatedAt: sql`${faqs.updatedAt}`,
      })
      .where(and(eq(faqs.id, sent.faqId), eq(faqs.workspaceId, p.workspaceId)));
  }
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
 * the next run, and a matched FAQ entry counts the hit, all only when this call records the send;
 * open inboxes hear of it from the same statement.
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
          returning workspace_id, id, assignee_id
        ), question as (
          update ${messages} set reply_state = ${p.question.state}::reply_state
          where id = ${p.question.messageId} and workspace_id = ${p.workspaceId}
            and reply_state = 'pending' and exists (select 1 from sent)
        ), hit as (
          update ${faqs} set hit_count = hit_count + 1, last_matched_at = ${now}::timestamptz
          where id = (select faq_id from sent) and workspace_id = ${p.workspaceId}
        )
        select exists (select 1 from sent) as recorded,
          (select count(${liveNotify({ w: sql`c.workspace_id`, c: sql`c.id`, k: "outbound", a: sql`c.assignee_id` })})
             from conversation c) as notified`,
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
      queueState: sql`case when ${messages.queueState} is null then null else 'failed'::reply_state end`,
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

export async function setReplyState(
  db: Db,
  params: {
    workspaceId: string;
    messageId: string;
    from: "pending";
    to: "handled" | "skipped" | "failed";
  },
): Promise<boolean> {
  const updated = await db
    .update(messages)
    .set({ replyState: params.to })
    .where(
      and(
        eq(messages.id, params.messageId),
        eq(messages.workspaceId, params.workspaceId),
        eq(messages.replyState, params.from),
      ),
    )
    .returning({ id: messages.id });
  return updated.length > 0;
}

/** Meta's pricing of an outbound message, with the recipient's country that sets its rate. */
export type StatusPricing = {
  category: string;
  type: string | null;
  billable: boolean | null;
  model: string | null;
  country: string | null;
};

export type StatusUpdate = {
  waMessageId: string;
  status: "sent" | "delivered" | "read" | "played" | "failed";
  at: Date;
  errorCode: number | null;
  errorDetails: string | null;
  /** Null on statuses that carry none. */
  pricing: StatusPricing | null;
};

// A message's pricing is recorded once, from the first status that carries it (Meta repeats it on
// delivered or read), whether or not that status moves the message on: it may arrive after a
// later status. As one jsonb value, so the batched statement can carry it over from any status.
const pricingJson = (p: StatusPricing | null) =>
  p && {
    category: p.category,
    type: p.type,
    billable: p.billable,
    model: p.model,
    country: p.country,
  };

/**
 * The update of `messages` by status rows `rows` (message_id, status, at, error_code,
 * error_details, pricing): statuses only move forward (sent < delivered < read < played < failed;
 * late or repeated ones change nothing, nothing moves a failed message), pricing is recorded once.
 * One statement updates a row at most once, so the caller gives one row per message.
 */
function statusUpdate(rows: string): SQL {
  const advance = "messages.status < u.status";
  const records = "(messages.pricing_category is null and u.pricing->>'category' is not null)";
  const pricing = (column: string, value: string) =>
    `${column} = case when ${records} then ${value} else messages.${column} end`;
  // The ids as an array as well as a join: planned for the hundred rows PostgreSQL assumes a set
  // of rows from JSON holds, a join alone reads every message of the table.
  return sql.raw(`update messages set
        status = case when ${advance} then u.status else messages.status end,
        status_at = case when ${advance} then u.at else messages.status_at end,
        error_code = case when ${advance} and u.status = 'failed' then u.error_code
          else messages.error_code end,
        error_details = case when ${advance} and u.status = 'failed' then u.error_details
          else messages.error_details end,
        ${pricing("pricing_category", "u.pricing->>'category'")},
        ${pricing("pricing_type", "u.pricing->>'type'")},
        ${pricing("pricing_billable", "(u.pricing->>'billable')::boolean")},
        ${pricing("pricing_model", "u.pricing->>'model'")},
        ${pricing("pricing_country", "u.pricing->>'country'")}
      from ${rows} u
      where messages.id = u.message_id
        and messages.id = any(array(select message_id from ${rows}))
        and messages.direction = 'outbound' and (${advance} or ${records})`);
}

/**
 * Status rows `rows` (with workspace_id, channel_id and wa_message_id) and the id of the message
 * each names (null when none has it), looked up one by one through the (channel, WhatsApp id)
 * index: a deliberate row-by-row lookup, which PostgreSQL would otherwise plan as a scan.
 */
const withMessageIds = (rows: string) =>
  sql.raw(`select r.*, m.id as message_id from ${rows} r
      left join lateral (
        select m.id from messages m
         where m.channel_id = r.channel_id and m.wa_message_id = r.wa_message_id
           and m.workspace_id = r.workspace_id
        offset 0
      ) m on true`);

/**
 * Applies statuses to the channel's outbound messages in one statement, monotonically by the enum's
 * order (sent < delivered < read < played < failed): late or repeated statuses change nothing, and
 * nothing moves a failed message. At most one status per WhatsApp id (one statement updates a row
 * once). Returns the ids no message of the channel has, which the caller may still place.
 */
export async function applyMessageStatuses(
  db: Db,
  p: Scope & { statuses: StatusUpdate[] },
): Promise<string[]> {
  if (p.statuses.length === 0) return [];
  const input = JSON.stringify(
    p.statuses.map((s) => ({
      wa_message_id: s.waMessageId,
      status: s.status,
      at: s.at.toISOString(),
      error_code: s.errorCode,
      error_details: s.errorDetails,
      pricing: pricingJson(s.pricing),
    })),
  );
  const unknown = await queryRows<{ wa_message_id: string }>(
    db,
    sql`
    with s as (
      select x.*, ${p.workspaceId}::uuid as workspace_id, ${p.channelId}::uuid as channel_id
        from jsonb_to_recordset(${input}::jsonb)
          as x(wa_message_id text, status message_status, at timestamptz, error_code int,
               error_details text, pricing jsonb)
    ),
    found as (${withMessageIds("s")}),
    named as (select * from found where message_id is not null),
    updated as (${statusUpdate("named")})
    select wa_message_id from found where message_id is null`,
  );
  return unknown.map((r) => r.wa_message_id);
}

export type StatusDelivery = Scope & {
  statuses: StatusUpdate[];
  delivery: { phoneNumberId: string; wabaId: string | null; payload: unknown };
};

/**
 * Deliveries of statuses only, for messages whose WhatsApp ids are recorded (the usual case), in
 * one statement: each one's statuses applied as `applyMessageStatuses` applies them (a message
 * named in several ends at the highest), and each delivery logged. Returns the indexes of the
 * deliveries that name an unknown id: those are neither applied nor logged, and the caller takes
 * the general path for them, which places the id and logs the delivery.
 */
export async function applyStatusDeliveries(
  db: Db,
  deliveries: StatusDelivery[],
): Promise<Set<number>> {
  if (deliveries.length === 0) return new Set();
  const d = JSON.stringify(
    deliveries.map((x, idx) => ({
      idx,
      workspace_id: x.workspaceId,
      channel_id: x.channelId,
      phone_number_id: x.delivery.phoneNumberId,
      waba_id: x.delivery.wabaId,
      payload: x.delivery.payload,
    })),
  );
  const st = JSON.stringify(
    deliveries.flatMap((x, idx) =>
      x.statuses.map((u) => ({
        idx,
        wa_message_id: u.waMessageId,
        status: u.status,
        at: u.at.toISOString(),
        error_code: u.errorCode,
        error_details: u.errorDetails,
        pricing: pricingJson(u.pricing),
      })),
    ),
  );
  const rows = await queryRows<{ idx: number | null }>(
    db,
    sql`
    with d as (
      select * from jsonb_to_recordset(${d}::jsonb)
        as x(idx int, workspace_id uuid, channel_id uuid, phone_number_id text, waba_id text, payload jsonb)
    ),
    s as (
      select s.*, d.workspace_id, d.channel_id
        from jsonb_to_recordset(${st}::jsonb)
          as s(idx int, wa_message_id text, status message_status, at timestamptz, error_code int,
               error_details text, pricing jsonb)
        join d on d.idx = s.idx
    ),
    found as (${withMessageIds("s")}),
    unknown as (select distinct idx from found where message_id is null),
    decisive as (
      select distinct on (message_id)
             idx, message_id, status, at, error_code, error_details, workspace_id,
             -- The highest status, with the pricing of whichever status of the id carried it.
             first_value(pricing) over (partition by message_id order by pricing is null, at)
               as pricing
        from found where idx not in (select idx from unknown)
       order by message_id, status desc, at
    ),
    updated as (
      ${statusUpdate("decisive")}
      returning messages.workspace_id, messages.conversation_id
    ),
    -- One tick event per conversation for open inboxes, sent when this statement commits.
    notified as (
      select ${liveNotify({ w: sql`x.workspace_id`, c: sql`x.conversation_id`, k: "status" })}
        from (select distinct workspace_id, conversation_id from updated) x
    ),
    logged as (
      insert into webhook_deliveries (workspace_id, channel_id, field, phone_number_id, waba_id, routed, payload)
      select workspace_id, channel_id, 'messages', phone_number_id, waba_id, true, payload
        from d where idx not in (select idx from unknown)
       order by idx
    )
    select idx, null as notified from unknown
    union all
    select null, count(*) from notified`,
  );
  return new Set(rows.flatMap((r) => (r.idx === null ? [] : [Number(r.idx)])));
}

/** Drizzle's SET values recording pricing on a message that has none yet. */
function pricingOnce(p: StatusPricing) {
  const once = (column: AnyPgColumn, value: SQL) =>
    sql`case when ${messages.pricingCategory} is null then ${value} else ${column} end`;
  return {
    pricingCategory: once(messages.pricingCategory, sql`${p.category}::text`),
    pricingType: once(messages.pricingType, sql`${p.type}::text`),
    pricingBillable: once(messages.pricingBillable, sql`${p.billable}::boolean`),
    pricingModel: once(messages.pricingModel, sql`${p.model}::text`),
    pricingCountry: once(messages.pricingCountry, sql`${p.country}::text`),
  };
}

/**
 * A status for a send whose WhatsApp id was never recorded (its process stopped between Meta's
 * answer and the write), placed by the row id the send carried: the id is recorded and the status
 * applied monotonically. Harmless when the sender records the same id itself, before or after.
 * Only an outbound message of this workspace and channel qualifies, and never when another of its
 * messages holds that WhatsApp id.
 */
export async function applyStatusToUnrecordedSend(
  db: Db,
  p: Scope & { messageId: string; update: StatusUpdate },
): Promise<boolean> {
  const s = p.update;
  const advance = sql`${messages.status} < ${s.status}::message_status`;
  const updated = await db
    .update(messages)
    .set({
      waMessageId: s.waMessageId,
      status: sql`case when ${advance} then ${s.status}::message_status else ${messages.status} end`,
      statusAt: sql`case when ${advance} then ${s.at.toISOString()}::timestamptz else ${messages.statusAt} end`,
      ...(s.status === "failed" && {
        errorCode: sql`case when ${advance} then ${s.errorCode}::int else ${messages.errorCode} end`,
        errorDetails: sql`case when ${advance} then ${s.errorDetails}::text else ${messages.errorDetails} end`,
      }),
      ...(s.pricing && pricingOnce(s.pricing)),
      // A person's queued reply is done once WhatsApp has it (bot replies have no queue state).
      queueState: sql`case when ${messages.queueState} is null then null
        when ${s.status}::message_status = 'failed' then 'failed'::reply_state
        else 'handled'::reply_state end`,
    })
    .where(
      and(
        eq(messages.id, p.messageId),
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.channelId, p.channelId),
        eq(messages.direction, "outbound"),
        or(isNull(messages.waMessageId), eq(messages.waMessageId, s.waMessageId)),
        sql`not exists (select 1 from ${messages} other where other.workspace_id = ${p.workspaceId}
              and other.channel_id = ${p.channelId} and other.wa_message_id = ${s.waMessageId}
              and other.id <> ${p.messageId})`,
      ),
    )
    .returning({ id: messages.id });
  return updated.length > 0;
}

/**
 * Keeps an inbound voice note's transcript and what transcribing it cost. The first transcript
 * stays: a repeated run of the reply job never overwrites (or pays for) another.
 */
export async function recordTranscript(
  db: Db,
  p: {
    workspaceId: string;
    messageId: string;
    transcript: string;
    model: string;
    seconds: number;
    costMicros: number | null;
  },
) {
  await db
    .update(messages)
    .set({
      transcript: p.transcript,
      transcriptionModel: p.model,
      transcriptionSeconds: Math.ceil(p.seconds),
      transcriptionCostMicros: p.costMicros,
    })
    .where(
      and(
        eq(messages.id, p.messageId),
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.direction, "inbound"),
        isNull(messages.transcript),
      ),
    );
}
