import { and, asc, desc, eq, gt, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import {
  type BroadcastAudience,
  type BroadcastParameter,
  type BroadcastTemplate,
  broadcastRecipients,
  broadcasts,
  channels,
  contacts,
  conversations,
  messages,
} from "../schema";

type Scope = { workspaceId: string; broadcastId: string };

/** The contacts an audience's filters name (tags, attributes), whatever their consent. */
export function audienceFilter(workspaceId: string, a: BroadcastAudience): SQL {
  const conditions: SQL[] = [eq(contacts.workspaceId, workspaceId)];
  if (a.tags.length > 0) {
    const tags = sql`array[${sql.join(
      a.tags.map((t) => sql`${t}`),
      sql`, `,
    )}]::text[]`;
    conditions.push(
      a.tagMatch === "all" ? sql`${contacts.tags} @> ${tags}` : sql`${contacts.tags} && ${tags}`,
    );
  }
  for (const { key, value } of a.attributes) {
    conditions.push(sql`${contacts.attributes} ->> ${key} = ${value}`);
  }
  return and(...conditions) as SQL;
}

/**
 * Who may receive a broadcast: only customers who opted in to marketing messages and have not
 * since withdrawn it (in Parley, in WhatsApp's own settings, or by answering STOP).
 */
export const eligible = sql`${contacts.marketingOptIn} = 'opted_in' and not ${contacts.optedOut}`;

export type AudienceCount = {
  matching: number;
  included: number;
  excluded: { optedOut: number; stoppedMarketing: number; neverOptedIn: number };
};

/** How many contacts the audience names, how many of them would receive it, and why not. */
export async function countAudience(
  db: Db,
  p: { workspaceId: string; audience: BroadcastAudience },
): Promise<AudienceCount> {
  const [row] = await db
    .select({
      matching: sql<number>`count(*)::int`,
      included: sql<number>`(count(*) filter (where ${eligible}))::int`,
      optedOut: sql<number>`(count(*) filter (where ${contacts.optedOut}))::int`,
      stoppedMarketing: sql<number>`(count(*) filter (where not ${contacts.optedOut} and ${contacts.marketingOptIn} = 'opted_out'))::int`,
      neverOptedIn: sql<number>`(count(*) filter (where not ${contacts.optedOut} and ${contacts.marketingOptIn} is null))::int`,
    })
    .from(contacts)
    .where(audienceFilter(p.workspaceId, p.audience));
  return {
    matching: row?.matching ?? 0,
    included: row?.included ?? 0,
    excluded: {
      optedOut: row?.optedOut ?? 0,
      stoppedMarketing: row?.stoppedMarketing ?? 0,
      neverOptedIn: row?.neverOptedIn ?? 0,
    },
  };
}

export type NewBroadcast = {
  workspaceId: string;
  channelId: string;
  name: string;
  templateId: string | null;
  template: BroadcastTemplate;
  parameters: Record<string, BroadcastParameter>;
  audience: BroadcastAudience;
  status: "draft" | "scheduled";
  scheduledAt: Date | null;
  createdBy: string | null;
};

export async function insertBroadcast(db: Db, b: NewBroadcast) {
  const [row] = await db.insert(broadcasts).values(b).returning({ id: broadcasts.id });
  if (!row) throw new Error("The broadcast was not stored");
  return row;
}

const broadcastColumns = {
  id: broadcasts.id,
  workspaceId: broadcasts.workspaceId,
  channelId: broadcasts.channelId,
  name: broadcasts.name,
  template: broadcasts.template,
  parameters: broadcasts.parameters,
  audience: broadcasts.audience,
  status: broadcasts.status,
  scheduledAt: broadcasts.scheduledAt,
  startedAt: broadcasts.startedAt,
  finishedAt: broadcasts.finishedAt,
  recipientCount: broadcasts.recipientCount,
  createdAt: broadcasts.createdAt,
  phoneNumber: channels.displayPhoneNumber,
};

export async function getBroadcast(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select(broadcastColumns)
    .from(broadcasts)
    .innerJoin(channels, eq(channels.id, broadcasts.channelId))
    .where(and(eq(broadcasts.id, p.id), eq(broadcasts.workspaceId, p.workspaceId)));
  return row ?? null;
}

export type BroadcastRow = NonNullable<Awaited<ReturnType<typeof getBroadcast>>>;

export async function listBroadcasts(db: Db, p: { workspaceId: string; limit: number }) {
  return db
    .select(broadcastColumns)
    .from(broadcasts)
    .innerJoin(channels, eq(channels.id, broadcasts.channelId))
    .where(eq(broadcasts.workspaceId, p.workspaceId))
    .orderBy(desc(broadcasts.createdAt), desc(broadcasts.id))
    .limit(p.limit);
}

/** Confirms a draft: it starts at its time (or at once when it has none). */
export async function confirmBroadcast(db: Db, p: { workspaceId: string; id: string }) {
  const rows = await db
    .update(broadcasts)
    .set({ status: "scheduled" })
    .where(
      and(
        eq(broadcasts.id, p.id),
        eq(broadcasts.workspaceId, p.workspaceId),
        eq(broadcasts.status, "draft"),
      ),
    )
    .returning({ id: broadcasts.id });
  return rows.length > 0;
}

export type StartOutcome =
  | { state: "started" | "sending"; channelId: string }
  | { state: "not_yet"; at: Date }
  | { state: "over" };

/**
 * Starts a confirmed broadcast once its time has come: in one transaction it becomes `sending`
 * and gets one recipient row per contact of its audience who may receive it then (the audience
 * is not read again afterwards). A broadcast already sending is left as it is.
 */
export async function startBroadcast(
  db: Db,
  p: { workspaceId: string; id: string; now: Date },
): Promise<StartOutcome> {
  return db.transaction(async (tx) => {
    const [b] = await tx
      .select({
        status: broadcasts.status,
        scheduledAt: broadcasts.scheduledAt,
        audience: broadcasts.audience,
        channelId: broadcasts.channelId,
      })
      .from(broadcasts)
      .where(and(eq(broadcasts.id, p.id), eq(broadcasts.workspaceId, p.workspaceId)))
      .for("update");
    if (!b) return { state: "over" };
    if (b.status === "sending") return { state: "sending", channelId: b.channelId };
    if (b.status !== "scheduled") return { state: "over" };
    if (b.scheduledAt && b.scheduledAt > p.now) return { state: "not_yet", at: b.scheduledAt };
    const inserted = await queryRows<{ id: string }>(
      tx,
      sql`insert into ${broadcastRecipients} (workspace_id, broadcast_id, contact_id)
          select ${p.workspaceId}::uuid, ${p.id}::uuid, ${contacts.id} from ${contacts}
          where ${audienceFilter(p.workspaceId, b.audience)} and ${eligible}
          on conflict do nothing
          returning id`,
    );
    await tx
      .update(broadcasts)
      .set({ status: "sending", startedAt: p.now, recipientCount: inserted.length })
      .where(and(eq(broadcasts.id, p.id), eq(broadcasts.workspaceId, p.workspaceId)));
    return { state: "started", channelId: b.channelId };
  });
}

/** What a batch needs of each recipient it took. */
export type ClaimedRecipient = {
  id: string;
  contactId: string;
  to: string | null;
  name: string | null;
  waId: string | null;
  attributes: Record<string, string>;
  mayReceive: boolean;
};

export type SendingBroadcast = {
  channelId: string;
  phoneNumberId: string;
  accessTokenEncrypted: string | null;
  marketingMessages: boolean;
  template: BroadcastTemplate;
  parameters: Record<string, BroadcastParameter>;
  createdBy: string | null;
};

/** The broadcast as its sending needs it, while it is sending; null once it is not. */
export async function getSendingBroadcast(db: Db, p: Scope): Promise<SendingBroadcast | null> {
  const [row] = await db
    .select({
      channelId: broadcasts.channelId,
      phoneNumberId: channels.phoneNumberId,
      accessTokenEncrypted: channels.accessTokenEncrypted,
      marketingMessages: sql<boolean>`${channels.marketingMessagesAt} is not null`,
      template: broadcasts.template,
      parameters: broadcasts.parameters,
      createdBy: broadcasts.createdBy,
    })
    .from(broadcasts)
    .innerJoin(channels, eq(channels.id, broadcasts.channelId))
    .where(
      and(
        eq(broadcasts.id, p.broadcastId),
        eq(broadcasts.workspaceId, p.workspaceId),
        eq(broadcasts.status, "sending"),
      ),
    );
  return row ?? null;
}

export async function isBroadcastSending(db: Db, p: Scope): Promise<boolean> {
  const [row] = await db
    .select({ status: broadcasts.status })
    .from(broadcasts)
    .where(and(eq(broadcasts.id, p.broadcastId), eq(broadcasts.workspaceId, p.workspaceId)));
  return row?.status === "sending";
}

export type PreparedSend = {
  recipientId: string;
  messageId: string;
  conversationId: string;
  to: string;
  text: string;
  components: unknown[];
};

export type QueuedMessage = {
  recipientId: string;
  contactId: string;
  text: string;
  components: unknown[];
};

/**
 * A batch of pending recipients, taken for this run alone (rows another run holds are passed
 * over), handed to `prepare`, which says what each is sent or why it is skipped; then, in the
 * same transaction, each one sent gets its conversation and its message row (pending, not yet
 * claimed for a Graph call), and every recipient taken leaves `pending`. A crash before the
 * commit leaves them pending; after it, each has a message the exactly-once send path owns.
 */
export async function takeBatch(
  db: Db,
  p: Scope & {
    limit: number;
    channelId: string;
    createdBy: string | null;
    prepare: (
      r: ClaimedRecipient,
    ) =>
      | { send: Omit<QueuedMessage, "recipientId" | "contactId"> }
      | { skip: string; code: number };
  },
): Promise<PreparedSend[]> {
  return db.transaction(async (tx) => {
    const taken = await tx
      .select({
        id: broadcastRecipients.id,
        contactId: broadcastRecipients.contactId,
        to: sql<string | null>`coalesce(${contacts.waId}, ${contacts.businessScopedUserId})`,
        name: contacts.name,
        waId: contacts.waId,
        attributes: contacts.attributes,
        mayReceive: sql<boolean>`${eligible}`,
      })
      .from(broadcastRecipients)
      .innerJoin(contacts, eq(contacts.id, broadcastRecipients.contactId))
      .where(
        and(
          eq(broadcastRecipients.broadcastId, p.broadcastId),
          eq(broadcastRecipients.workspaceId, p.workspaceId),
          eq(broadcastRecipients.state, "pending"),
          sql`exists (select 1 from ${broadcasts} where ${broadcasts.id} = ${p.broadcastId}
                and ${broadcasts.status} = 'sending')`,
        ),
      )
      .orderBy(asc(broadcastRecipients.id))
      .limit(p.limit)
      .for("update", { of: broadcastRecipients, skipLocked: true });
    if (taken.length === 0) return [];
    const sends: QueuedMessage[] = [];
    const skips: { id: string; code: number; details: string }[] = [];
    for (const r of taken) {
      const decided = p.prepare(r);
      if ("skip" in decided) skips.push({ id: r.id, code: decided.code, details: decided.skip });
      else sends.push({ recipientId: r.id, contactId: r.contactId, ...decided.send });
    }
    if (skips.length > 0) {
      await queryRows(
        tx,
        sql`update ${broadcastRecipients} set state = 'skipped', error_code = s.code,
              error_details = s.details, updated_at = now()
            from jsonb_to_recordset(${JSON.stringify(skips)}::jsonb) as s(id uuid, code int, details text)
            where ${broadcastRecipients.id} = s.id and ${broadcastRecipients.workspaceId} = ${p.workspaceId}`,
      );
    }
    if (sends.length === 0) return [];
    const input = JSON.stringify(
      sends.map((s) => ({
        recipient_id: s.recipientId,
        contact_id: s.contactId,
        text: s.text,
        payload: { template: s.components },
      })),
    );
    // Conversations first (one per contact and number, as WhatsApp has), then the messages.
    const rows = await queryRows<{
      recipient_id: string;
      message_id: string;
      conversation_id: string;
    }>(
      tx,
      sql`with s as (
            select * from jsonb_to_recordset(${input}::jsonb)
              as x(recipient_id uuid, contact_id uuid, text text, payload jsonb)
          ), conv as (
            insert into ${conversations} (workspace_id, channel_id, contact_id, last_message_at)
            select ${p.workspaceId}::uuid, ${p.channelId}::uuid, s.contact_id, now() from s
            on conflict (channel_id, contact_id) do update set updated_at = now()
            returning id, contact_id
          ), msg as (
            insert into ${messages} (workspace_id, conversation_id, channel_id, direction, type, text,
              payload, status, source, reply_kind, reply_key, sent_by)
            select ${p.workspaceId}::uuid, conv.id, ${p.channelId}::uuid, 'outbound', 'template',
              s.text, s.payload, 'pending', 'system', 'broadcast', 'broadcast:' || s.recipient_id,
              ${p.createdBy}::text
            from s join conv on conv.contact_id = s.contact_id
            returning id, conversation_id, reply_key
          ), linked as (
            update ${broadcastRecipients} set state = 'queued', message_id = msg.id, updated_at = now()
            from msg where ${broadcastRecipients.id} = substr(msg.reply_key, 11)::uuid
            returning ${broadcastRecipients.id} as recipient_id, msg.id as message_id,
              msg.conversation_id
          )
          select recipient_id, message_id, conversation_id from linked`,
    );
    const bySend = new Map(sends.map((s) => [s.recipientId, s]));
    const toOf = new Map(taken.map((t) => [t.id, t.to]));
    return rows.map((r) => {
      const s = bySend.get(r.recipient_id);
      return {
        recipientId: r.recipient_id,
        messageId: r.message_id,
        conversationId: r.conversation_id,
        to: toOf.get(r.recipient_id) ?? "",
        text: s?.text ?? "",
        components: s?.components ?? [],
      };
    });
  });
}

/**
 * Recipients whose message was made but not yet confirmed sent: a run cut off (a crash) left
 * them; the next run sends them through the same exactly-once path.
 */
export async function listUnsentQueued(db: Db, p: Scope & { limit: number }) {
  const rows = await db
    .select({
      recipientId: broadcastRecipients.id,
      messageId: messages.id,
      conversationId: messages.conversationId,
      to: sql<string>`coalesce(${contacts.waId}, ${contacts.businessScopedUserId})`,
      text: messages.text,
      payload: messages.payload,
    })
    .from(broadcastRecipients)
    .innerJoin(messages, eq(messages.id, broadcastRecipients.messageId))
    .innerJoin(contacts, eq(contacts.id, broadcastRecipients.contactId))
    .where(
      and(
        eq(broadcastRecipients.broadcastId, p.broadcastId),
        eq(broadcastRecipients.workspaceId, p.workspaceId),
        eq(broadcastRecipients.state, "queued"),
        eq(messages.status, "pending"),
        sql`${messages.waMessageId} is null`,
      ),
    )
    .orderBy(asc(broadcastRecipients.id))
    .limit(p.limit);
  return rows.map((r) => ({
    recipientId: r.recipientId,
    messageId: r.messageId,
    conversationId: r.conversationId,
    to: r.to,
    text: r.text ?? "",
    components: ((r.payload as { template?: unknown[] } | null)?.template ?? []) as unknown[],
  }));
}

/**
 * Recipients whose message was never handed to WhatsApp, once the broadcast is cancelled: their
 * rows go and they count as cancelled. A message ever claimed for a call stays, to be reconciled.
 */
export async function withdrawUnsent(db: Db, p: Scope) {
  await queryRows(
    db,
    sql`with gone as (
          delete from ${messages} m using ${broadcastRecipients} r
          where r.broadcast_id = ${p.broadcastId} and r.workspace_id = ${p.workspaceId}
            and r.state = 'queued' and m.id = r.message_id and m.status = 'pending'
            and m.wa_message_id is null and m.sending_at is null and m.send_attempts = 0
          returning r.id
        )
        update ${broadcastRecipients} set state = 'cancelled', message_id = null, updated_at = now()
        where id in (select id from gone)`,
  );
}

/**
 * Cancels a broadcast not finished: recipients still waiting are marked cancelled at once, and a
 * batch under way stops before its next send.
 */
export async function cancelBroadcast(db: Db, p: { workspaceId: string; id: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(broadcasts)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(
        and(
          eq(broadcasts.id, p.id),
          eq(broadcasts.workspaceId, p.workspaceId),
          inArray(broadcasts.status, ["draft", "scheduled", "sending"]),
        ),
      )
      .returning({ id: broadcasts.id });
    if (!row) return false;
    await tx
      .update(broadcastRecipients)
      .set({ state: "cancelled" })
      .where(
        and(
          eq(broadcastRecipients.broadcastId, p.id),
          eq(broadcastRecipients.workspaceId, p.workspaceId),
          eq(broadcastRecipients.state, "pending"),
        ),
      );
    return true;
  });
}

/** Marks a sending broadcast completed once no recipient waits and no message is unsent. */
export async function completeIfDone(db: Db, p: Scope): Promise<boolean> {
  const rows = await db
    .update(broadcasts)
    .set({ status: "completed", finishedAt: new Date() })
    .where(
      and(
        eq(broadcasts.id, p.broadcastId),
        eq(broadcasts.workspaceId, p.workspaceId),
        eq(broadcasts.status, "sending"),
        sql`not exists (select 1 from ${broadcastRecipients} r
              left join ${messages} m on m.id = r.message_id
              where r.broadcast_id = ${p.broadcastId}
                and (r.state = 'pending' or (r.state = 'queued' and m.status = 'pending')))`,
      ),
    )
    .returning({ id: broadcasts.id });
  return rows.length > 0;
}

/** Broadcasts a job should be running: due to start, or sending (as after a restart). */
export async function listActiveBroadcasts(db: Db, p: { now: Date; limit: number }) {
  return db
    .select({ workspaceId: broadcasts.workspaceId, broadcastId: broadcasts.id })
    .from(broadcasts)
    .where(
      or(
        eq(broadcasts.status, "sending"),
        and(
          eq(broadcasts.status, "scheduled"),
          or(sql`${broadcasts.scheduledAt} is null`, lte(broadcasts.scheduledAt, p.now)),
        ),
      ),
    )
    .limit(p.limit);
}

// A recipient's status as a person reads it: the message's own, `replied` once the customer
// wrote after it, or why it never went.
const recipientStatus = sql<string>`case
  when ${broadcastRecipients.state} = 'queued' and ${messages.status} in ('sent', 'delivered', 'read', 'played')
    and exists (select 1 from ${messages} i where i.conversation_id = ${messages.conversationId}
      and i.direction = 'inbound' and i.created_at > ${messages.createdAt}) then 'replied'
  when ${broadcastRecipients.state} = 'queued' then
    case ${messages.status} when 'played' then 'read' else coalesce(${messages.status}::text, 'failed') end
  else ${broadcastRecipients.state}::text end`;

export type BroadcastProgress = Record<
  "pending" | "sent" | "delivered" | "read" | "replied" | "failed" | "skipped" | "cancelled",
  number
> & { total: number };

/** Counts by status; `sent` counts every message WhatsApp accepted (delivered, read… included). */
export async function getProgress(db: Db, p: Scope): Promise<BroadcastProgress> {
  const rows = await queryRows<{ status: string; n: number }>(
    db,
    sql`select s.status, count(*)::int as n from (
          select ${recipientStatus} as status from ${broadcastRecipients}
          left join ${messages} on ${messages.id} = ${broadcastRecipients.messageId}
          where ${broadcastRecipients.broadcastId} = ${p.broadcastId}
            and ${broadcastRecipients.workspaceId} = ${p.workspaceId}
        ) s group by s.status`,
  );
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  const n = (k: string) => by.get(k) ?? 0;
  const replied = n("replied");
  const read = n("read") + replied;
  const delivered = n("delivered") + read;
  return {
    total: [...by.values()].reduce((a, b) => a + b, 0),
    // Waiting for its turn, or made and not yet confirmed by WhatsApp.
    pending: n("pending"),
    sent: n("sent") + delivered,
    delivered,
    read,
    replied,
    failed: n("failed"),
    skipped: n("skipped"),
    cancelled: n("cancelled"),
  };
}

export type RecipientRow = {
  id: string;
  contactId: string;
  name: string | null;
  phone: string | null;
  status: string;
  errorCode: number | null;
  errorDetails: string | null;
  statusAt: Date | null;
};

/** One page of recipients in a stable order (by id), after `after`. */
export async function listRecipients(
  db: Db,
  p: Scope & { after?: string; limit: number },
): Promise<{ rows: RecipientRow[]; next: string | null }> {
  const rows = await db
    .select({
      id: broadcastRecipients.id,
      contactId: broadcastRecipients.contactId,
      name: contacts.name,
      phone: sql<
        string | null
      >`case when ${contacts.waId} is not null then '+' || ${contacts.waId} else ${contacts.username} end`,
      status: recipientStatus,
      errorCode: sql<
        number | null
      >`coalesce(${broadcastRecipients.errorCode}, case when ${messages.status} = 'failed' then ${messages.errorCode} end)`,
      errorDetails: sql<
        string | null
      >`coalesce(${broadcastRecipients.errorDetails}, case when ${messages.status} = 'failed' then ${messages.errorDetails} end)`,
      statusAt:
        sql<Date | null>`coalesce(${messages.statusAt}, ${broadcastRecipients.updatedAt})`.mapWith(
          (v: string | Date | null) => (v ? new Date(v) : null),
        ),
    })
    .from(broadcastRecipients)
    .innerJoin(contacts, eq(contacts.id, broadcastRecipients.contactId))
    .leftJoin(messages, eq(messages.id, broadcastRecipients.messageId))
    .where(
      and(
        eq(broadcastRecipients.broadcastId, p.broadcastId),
        eq(broadcastRecipients.workspaceId, p.workspaceId),
        p.after ? gt(broadcastRecipients.id, p.after) : undefined,
      ),
    )
    .orderBy(asc(broadcastRecipients.id))
    .limit(p.limit + 1);
  const page = rows.slice(0, p.limit);
  return {
    rows: page,
    next: rows.length > p.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The attribute names the workspace's contacts carry, for audience filters and parameters. */
export async function listAttributeKeys(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select distinct jsonb_object_keys(${contacts.attributes}) as key from ${contacts}
        where ${contacts.workspaceId} = ${workspaceId} order by 1 limit 200`,
  );
  return rows.map((r) => r.key);
}
