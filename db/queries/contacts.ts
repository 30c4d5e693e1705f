import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import { channels, contacts, conversations, messages, webhookDeliveries } from "../schema";
import type { Position } from "./conversations";

export type OptInState = "opted_in" | "opted_out";
export type LastMessageFilter = "week" | "month" | "older" | "never";

export type ContactFilters = {
  q?: string;
  tag?: string;
  optIn?: OptInState | "unknown";
  last?: LastMessageFilter;
};

// Each contact's latest conversation (over all the workspace's numbers) and its time, computed
// once per query for the whole workspace: one grouped scan of its conversations, joined to the
// contacts, rather than a lookup per contact.
function latestConversations(db: Db, workspaceId: string, contactId?: string) {
  return db
    .select({
      contactId: conversations.contactId,
      at: sql<Date>`max(${conversations.lastMessageAt})`
        .mapWith((v: string | Date) => new Date(v))
        .as("latest_at"),
      conversationId:
        sql<string>`(array_agg(${conversations.id} order by ${conversations.lastMessageAt} desc))[1]`.as(
          "latest_conversation_id",
        ),
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        contactId ? eq(conversations.contactId, contactId) : undefined,
      ),
    )
    .groupBy(conversations.contactId)
    .as("latest");
}

type Latest = ReturnType<typeof latestConversations>;

const rowOf = (latest: Latest) => ({
  id: contacts.id,
  waId: contacts.waId,
  businessScopedUserId: contacts.businessScopedUserId,
  username: contacts.username,
  name: contacts.name,
  tags: contacts.tags,
  attributes: contacts.attributes,
  marketingOptIn: contacts.marketingOptIn,
  marketingOptInSource: contacts.marketingOptInSource,
  marketingOptInAt: contacts.marketingOptInAt,
  optedOut: contacts.optedOut,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
  lastMessageAt: latest.at,
  conversationId: latest.conversationId,
});

export type ContactRow = {
  id: string;
  waId: string | null;
  businessScopedUserId: string | null;
  username: string | null;
  name: string | null;
  tags: string[];
  attributes: Record<string, string>;
  marketingOptIn: OptInState | null;
  marketingOptInSource: string | null;
  marketingOptInAt: Date | null;
  optedOut: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date | null;
  conversationId: string | null;
};

const DAY_MS = 86_400_000;

function filterWhere(
  workspaceId: string,
  f: ContactFilters,
  now: Date,
  latest: Latest,
): SQL | undefined {
  const lastMessageAt = latest.at;
  const conditions: (SQL | undefined)[] = [eq(contacts.workspaceId, workspaceId)];
  const q = f.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.replace(/[^\d]/g, "");
    conditions.push(
      or(
        sql`${contacts.name} ilike ${like}`,
        sql`${contacts.username} ilike ${like}`,
        // A phone is searched by its digits, however it was typed ("+254 700", "0700…" not).
        digits.length >= 3 ? sql`${contacts.waId} like ${`%${digits}%`}` : undefined,
      ),
    );
  }
  if (f.tag) conditions.push(sql`${contacts.tags} @> array[${f.tag}]::text[]`);
  if (f.optIn === "unknown") conditions.push(isNull(contacts.marketingOptIn));
  else if (f.optIn) conditions.push(eq(contacts.marketingOptIn, f.optIn));
  if (f.last === "never") conditions.push(sql`${lastMessageAt} is null`);
  else if (f.last === "week" || f.last === "month") {
    const since = new Date(now.getTime() - (f.last === "week" ? 7 : 30) * DAY_MS);
    conditions.push(sql`${lastMessageAt} >= ${since.toISOString()}::timestamptz`);
  } else if (f.last === "older") {
    const before = new Date(now.getTime() - 30 * DAY_MS);
    conditions.push(sql`${lastMessageAt} < ${before.toISOString()}::timestamptz`);
  }
  return and(...conditions);
}

/** One page of the contacts page: most recent conversation first, then newest contacts. */
export async function searchContacts(
  db: Db,
  p: ContactFilters & { workspaceId: string; limit: number; offset: number; now: Date },
): Promise<{ rows: ContactRow[]; total: number }> {
  const latest = latestConversations(db, p.workspaceId);
  const where = filterWhere(p.workspaceId, p, p.now, latest);
  const [rows, [counted]] = await Promise.all([
    db
      .select(rowOf(latest))
      .from(contacts)
      .leftJoin(latest, eq(latest.contactId, contacts.id))
      .where(where)
      .orderBy(sql`${latest.at} desc nulls last`, desc(contacts.createdAt), asc(contacts.id))
      .limit(p.limit)
      .offset(p.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .leftJoin(latest, eq(latest.contactId, contacts.id))
      .where(where),
  ]);
  return { rows: rows as ContactRow[], total: counted?.n ?? 0 };
}

/** The API's list: oldest first, paged by creation time, with the same filters. */
export async function listContactsPage(
  db: Db,
  p: ContactFilters & { workspaceId: string; after?: Position; limit: number; now: Date },
) {
  const latest = latestConversations(db, p.workspaceId);
  const rows = await db
    .select({ ...rowOf(latest), position: sql<string>`${contacts.createdAt}::text` })
    .from(contacts)
    .leftJoin(latest, eq(latest.contactId, contacts.id))
    .where(
      and(
        filterWhere(p.workspaceId, p, p.now, latest),
        p.after
          ? sql`(${contacts.createdAt}, ${contacts.id}) > (${p.after.at}::timestamptz, ${p.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(p.limit + 1);
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ position: _position, ...c }) => c as ContactRow),
    next: rows.length > p.limit && last ? { at: last.position, id: last.id } : null,
  };
}

export async function getContact(db: Db, p: { workspaceId: string; id: string }) {
  const latest = latestConversations(db, p.workspaceId, p.id);
  const [found] = await db
    .select(rowOf(latest))
    .from(contacts)
    .leftJoin(latest, eq(latest.contactId, contacts.id))
    .where(and(eq(contacts.id, p.id), eq(contacts.workspaceId, p.workspaceId)));
  return (found as ContactRow | undefined) ?? null;
}

/** The contact's conversations, one per number of the workspace, latest first. */
export async function listContactConversations(db: Db, p: { workspaceId: string; id: string }) {
  return db
    .select({
      id: conversations.id,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
      lastMessagePreview: conversations.lastMessagePreview,
      channelNumber: channels.displayPhoneNumber,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.contactId, p.id), eq(conversations.workspaceId, p.workspaceId)))
    .orderBy(desc(conversations.lastMessageAt));
}

/** Every tag the workspace's contacts carry, for the filter. */
export async function listContactTags(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await queryRows<{ tag: string }>(
    db,
    sql`select distinct unnest(${contacts.tags}) as tag from ${contacts}
      where ${contacts.workspaceId} = ${workspaceId} order by tag limit 500`,
  );
  return rows.map((r) => r.tag);
}

export type ContactValues = {
  name?: string | null;
  tags?: string[];
  attributes?: Record<string, string>;
  optIn?: { status: OptInState | null; source: string | null; at: Date | null };
};

const optInColumns = (o: ContactValues["optIn"]) =>
  o
    ? {
        marketingOptIn: o.status,
        marketingOptInSource: o.source,
        marketingOptInAt: o.at,
      }
    : {};

export async function createContact(
  db: Db,
  p: ContactValues & { workspaceId: string; waId: string },
) {
  const [created] = await db
    .insert(contacts)
    .values({
      workspaceId: p.workspaceId,
      waId: p.waId,
      name: p.name ?? null,
      tags: p.tags ?? [],
      attributes: p.attributes ?? {},
      ...optInColumns(p.optIn),
    })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  return created ?? null;
}

export async function updateContact(
  db: Db,
  p: ContactValues & { workspaceId: string; id: string },
) {
  const [updated] = await db
    .update(contacts)
    .set({
      ...(p.name !== undefined && { name: p.name }),
      ...(p.tags && { tags: p.tags }),
      ...(p.attributes && { attributes: p.attributes }),
      ...optInColumns(p.optIn),
      updatedAt: new Date(),
    })
    .where(and(eq(contacts.id, p.id), eq(contacts.workspaceId, p.workspaceId)))
    .returning({ id: contacts.id });
  return updated ?? null;
}

/** Serialises imports of one workspace, so two at once cannot both create the same phone. */
export async function lockWorkspaceContacts(tx: Db, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contacts:${workspaceId}`}))`);
}

export async function findContactsByWaIds(db: Db, p: { workspaceId: string; waIds: string[] }) {
  if (p.waIds.length === 0) return [];
  return db
    .select({
      id: contacts.id,
      waId: contacts.waId,
      name: contacts.name,
      tags: contacts.tags,
      attributes: contacts.attributes,
      marketingOptIn: contacts.marketingOptIn,
      marketingOptInSource: contacts.marketingOptInSource,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, p.workspaceId), inArray(contacts.waId, p.waIds)));
}

export type ImportedContact = {
  waId: string;
  name: string | null;
  tags: string[];
  attributes: Record<string, string>;
  optIn: OptInState | null;
  optInSource: string | null;
};

/** Writes an import's rows: new contacts inserted, known phones updated, in one statement each. */
export async function applyContactImport(
  db: Db,
  p: {
    workspaceId: string;
    creates: ImportedContact[];
    updates: (ImportedContact & { id: string })[];
    at: Date;
  },
) {
  const CHUNK = 1000;
  for (let i = 0; i < p.creates.length; i += CHUNK) {
    await db.insert(contacts).values(
      p.creates.slice(i, i + CHUNK).map((c) => ({
        workspaceId: p.workspaceId,
        waId: c.waId,
        name: c.name,
        tags: c.tags,
        attributes: c.attributes,
        marketingOptIn: c.optIn,
        marketingOptInSource: c.optIn ? c.optInSource : null,
        marketingOptInAt: c.optIn ? p.at : null,
      })),
    );
  }
  if (p.updates.length === 0) return;
  const at = p.at.toISOString();
  await db.execute(sql`
    update ${contacts} set
      name = coalesce(v.name, ${contacts.name}),
      tags = v.tags,
      attributes = v.attributes,
      marketing_opt_in = coalesce(v.opt_in::marketing_opt_in, ${contacts.marketingOptIn}),
      marketing_opt_in_source = case when v.opt_in is null then ${contacts.marketingOptInSource} else v.opt_in_source end,
      marketing_opt_in_at = case when v.opt_in is null then ${contacts.marketingOptInAt} else ${at}::timestamptz end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(
      p.updates.map((u) => ({
        id: u.id,
        name: u.name,
        tags: u.tags,
        attributes: u.attributes,
        opt_in: u.optIn,
        opt_in_source: u.optInSource,
      })),
    )}::jsonb)
      as v(id uuid, name text, tags text[], attributes jsonb, opt_in text, opt_in_source text)
    where ${contacts.id} = v.id and ${contacts.workspaceId} = ${p.workspaceId}`);
}

/** Every contact of the workspace for the CSV export, oldest first. */
export async function listContactsForExport(db: Db, workspaceId: string) {
  return db
    .select({
      waId: contacts.waId,
      businessScopedUserId: contacts.businessScopedUserId,
      username: contacts.username,
      name: contacts.name,
      tags: contacts.tags,
      attributes: contacts.attributes,
      marketingOptIn: contacts.marketingOptIn,
      marketingOptInSource: contacts.marketingOptInSource,
      marketingOptInAt: contacts.marketingOptInAt,
    })
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
}

/**
 * Erases a contact for a data-protection request: its conversations, their messages (with their
 * text, media references and payloads), notes and hand-offs go with it (foreign keys cascade), and
 * so do the raw webhook deliveries of the workspace that name its phone or user id. Returns what
 * was removed, or null when the workspace has no such contact.
 */
export async function eraseContact(tx: Db, p: { workspaceId: string; id: string }) {
  const [contact] = await tx
    .select({ waId: contacts.waId, userId: contacts.businessScopedUserId })
    .from(contacts)
    .where(and(eq(contacts.id, p.id), eq(contacts.workspaceId, p.workspaceId)))
    .for("update");
  if (!contact) return null;
  const [counts] = await tx
    .select({
      conversations: sql<number>`count(distinct ${conversations.id})::int`,
      messages: sql<number>`count(${messages.id})::int`,
    })
    .from(conversations)
    .leftJoin(messages, eq(messages.conversationId, conversations.id))
    .where(and(eq(conversations.contactId, p.id), eq(conversations.workspaceId, p.workspaceId)));
  const identities = [contact.waId, contact.userId].filter((v): v is string => Boolean(v));
  let deliveries = 0;
  if (identities.length > 0) {
    // Meta writes a phone as a JSON string ("wa_id":"2547…", "from":"2547…"), so the quoted form
    // matches that customer and no number that merely contains it.
    const patterns = identities.map(
      (v) => `%${JSON.stringify(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
    const removed = await tx
      .delete(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.workspaceId, p.workspaceId),
          or(...patterns.map((like) => sql`${webhookDeliveries.payload}::text like ${like}`)),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    deliveries = removed.length;
  }
  await tx
    .delete(contacts)
    .where(and(eq(contacts.id, p.id), eq(contacts.workspaceId, p.workspaceId)));
  return {
    conversations: counts?.conversations ?? 0,
    messages: counts?.messages ?? 0,
    webhookDeliveries: deliveries,
  };
}

/**
 * A customer's marketing choice made inside WhatsApp (the `user_preferences` webhook): the
 * contact is found by phone or user id (or created, so a later broadcast knows), and the choice is
 * kept unless a later one is already stored (Meta does not keep webhooks in order).
 */
export async function applyMarketingPreference(
  db: Db,
  p: {
    workspaceId: string;
    waId: string | null;
    userId: string | null;
    status: OptInState;
    at: Date;
  },
) {
  const match = or(
    p.waId ? eq(contacts.waId, p.waId) : undefined,
    p.userId ? eq(contacts.businessScopedUserId, p.userId) : undefined,
  );
  const [found] = await db
    .select({ id: contacts.id, at: contacts.marketingOptInAt })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, p.workspaceId), match))
    .limit(1);
  const values = {
    marketingOptIn: p.status,
    marketingOptInSource: "whatsapp",
    marketingOptInAt: p.at,
  };
  if (!found) {
    const [created] = await db
      .insert(contacts)
      .values({
        workspaceId: p.workspaceId,
        waId: p.waId,
        businessScopedUserId: p.userId,
        ...values,
      })
      .onConflictDoNothing()
      .returning({ id: contacts.id });
    return created ? { id: created.id, changed: true } : null;
  }
  if (found.at && found.at > p.at) return { id: found.id, changed: false };
  await db
    .update(contacts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(contacts.id, found.id), eq(contacts.workspaceId, p.workspaceId)));
  return { id: found.id, changed: true };
}

/** The WhatsApp usernames Meta sent with a delivery, kept on the contacts they name. */
export async function setContactUsernames(
  db: Db,
  p: {
    workspaceId: string;
    items: { waId: string | null; userId: string | null; username: string }[];
  },
) {
  for (const item of p.items) {
    const match = or(
      item.userId ? eq(contacts.businessScopedUserId, item.userId) : undefined,
      item.waId ? eq(contacts.waId, item.waId) : undefined,
    );
    if (!match) continue;
    await db
      .update(contacts)
      .set({ username: item.username })
      .where(
        and(
          eq(contacts.workspaceId, p.workspaceId),
          match,
          sql`${contacts.username} is distinct from ${item.username}`,
        ),
      );
  }
}

/**
 * WhatsApp answered 131050 (the customer stopped marketing messages from this business) for
 * these outbound messages: their contacts are marked opted out of marketing, from inside WhatsApp.
 * Messages are named by Parley id (`messageIds`) or by WhatsApp id on a channel.
 */
export async function stopMarketingForMessages(
  db: Db,
  p: { workspaceId: string } & (
    | { messageIds: string[] }
    | { channelId: string; waMessageIds: string[] }
  ),
) {
  const ids = "messageIds" in p ? p.messageIds : p.waMessageIds;
  if (ids.length === 0) return;
  const list = sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const match =
    "messageIds" in p
      ? sql`m.id::text = any(${list})`
      : sql`m.channel_id = ${p.channelId} and m.wa_message_id = any(${list})`;
  await queryRows(
    db,
    sql`update ${contacts} set marketing_opt_in = 'opted_out', marketing_opt_in_source = 'whatsapp',
          marketing_opt_in_at = now(), updated_at = now()
        from ${messages} m join ${conversations} c on c.id = m.conversation_id
        where m.workspace_id = ${p.workspaceId} and ${match}
          and ${contacts.id} = c.contact_id and ${contacts.workspaceId} = ${p.workspaceId}
          and ${contacts.marketingOptIn} is distinct from 'opted_out'`,
  );
}
