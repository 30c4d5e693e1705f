import { and, desc, eq, ne, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import {
  contacts,
  conversationEvents,
  conversationLabels,
  conversations,
  messages,
  searchableText,
} from "../schema";
import type { Position } from "./conversations";

export const inboxFilters = [
  "all",
  "needs_human",
  "bot",
  "closed",
  "mine",
  "unread",
  "snoozed",
] as const;
export type InboxFilter = (typeof inboxFilters)[number];

export const inboxSorts = ["recent", "priority"] as const;
export type InboxSort = (typeof inboxSorts)[number];
type Priority = (typeof conversations.$inferSelect)["priority"];

type Scope = { workspaceId: string; userId: string };
type ListInboxParams = Scope & {
  filter: InboxFilter;
  /** Only conversations with this label. */
  labelId?: string;
  /** Only conversations of this priority. */
  priority?: Priority;
  /** Newest first (the default), or the most urgent first and newest within each priority. */
  sort?: InboxSort;
  search?: string;
  after?: Position;
  limit: number;
  /** Tests set these to take each search path on a few rows. */
  tuning?: SearchTuning;
};

const snoozed = sql`${conversations.snoozedUntil} > now()`;
const open = and(
  ne(conversations.status, "closed"),
  sql`(${conversations.snoozedUntil} is null or ${conversations.snoozedUntil} <= now())`,
);

// Closed conversations appear under "closed" only, snoozed ones under "snoozed" until their time
// comes or the customer writes; the other tabs are work still to do. "bot" means the bot answers,
// even when it has flagged the conversation for a person meanwhile.
function filterCondition(filter: InboxFilter, userId: string): SQL | undefined {
  switch (filter) {
    case "all":
      return open;
    case "needs_human":
      return and(eq(conversations.needsHuman, true), open);
    case "bot":
      return and(eq(conversations.status, "bot"), open);
    case "snoozed":
      return and(ne(conversations.status, "closed"), snoozed);
    case "closed":
      return eq(conversations.status, "closed");
    case "mine":
      return and(eq(conversations.assigneeId, userId), open);
    case "unread":
      return and(sql`${conversations.unreadCount} > 0`, open);
  }
}

/**
 * The search as a tsquery of prefixes: a phone-like search ("+351 912") is one number prefix,
 * anything else each word as a prefix, all required ("refun ord" finds "order refunded").
 */
export function toPrefixTsquery(search: string): string | null {
  const term = search.trim().toLowerCase();
  const digits = term.replace(/\D/g, "");
  if (digits && /^[\d\s+().-]+$/.test(term)) return `${digits}:*`;
  const words = term.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.map((w) => `${w}:*`).join(" & ") : null;
}

// Both expressions match the GIN indexes declared in the schema.
const contactVector = sql`to_tsvector('simple', coalesce(${contacts.name}, '') || ' ' || coalesce(${contacts.waId}, ''))`;
const messageVector = sql`to_tsvector('simple', ${searchableText(messages.text)})`;

// Search first walks this many conversations of the list in order: a common word fills a page
// there at once. Failing that, up to COLLECT_LIMIT matching contacts and messages are collected
// through the GIN indexes and the list read by their ids; a word too common for that walks the
// whole list in order, which then fills a page early.
export const WALK_BUDGET = 300;
export const COLLECT_LIMIT = 5_000;
export type SearchTuning = { walkBudget?: number; collectLimit?: number };

const uuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

// A scalar subquery with a limit is evaluated row by row, never turned into a join: the list is
// read in order and each conversation's messages are checked through its own index.
function walkMatch(workspaceId: string, q: SQL) {
  return sql`(${contactVector} @@ ${q} or coalesce((
    select true from ${messages}
     where ${messages.conversationId} = ${conversations.id} and ${messages.workspaceId} = ${workspaceId}
       and ${messageVector} @@ ${q} limit 1), false))`;
}

// The position of the budget-th conversation of the list, so a walk can stop there through the
// index; null when the list is shorter.
async function edgeOf(db: Db, base: SQL | undefined, budget: number) {
  const [edge] = await db
    .select({ at: sql<string>`${conversations.lastMessageAt}::text`, id: conversations.id })
    .from(conversations)
    .where(base)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .offset(budget - 1)
    .limit(1);
  return edge ?? null;
}

// Concrete ids rather than a subquery: the planner's guess for a prefix tsquery is often far off,
// while a list of ids it reads each through its index. Null when there are too many.
async function collectMatch(db: Db, workspaceId: string, q: SQL, cap: number) {
  const contactIds = await queryRows<{ id: string }>(
    db,
    sql`select ${contacts.id} as id from ${contacts}
         where ${contacts.workspaceId} = ${workspaceId} and ${contactVector} @@ ${q} limit ${cap}`,
  );
  if (contactIds.length >= cap) return null;
  const messageHits = await queryRows<{ id: string }>(
    db,
    sql`select ${messages.conversationId} as id from ${messages}
         where ${messages.workspaceId} = ${workspaceId} and ${messageVector} @@ ${q} limit ${cap}`,
  );
  if (messageHits.length >= cap) return null;
  return sql`(${conversations.contactId} = any(${uuidArray(contactIds.map((r) => r.id))})
    or ${conversations.id} = any(${uuidArray([...new Set(messageHits.map((r) => r.id))])}))`;
}

const labelIds = sql<string[]>`coalesce((
  select array_agg(${conversationLabels.labelId}::text order by ${conversationLabels.createdAt})
    from ${conversationLabels} where ${conversationLabels.conversationId} = ${conversations.id}), '{}')`;

function orderOf(sort: InboxSort) {
  return sort === "priority"
    ? [desc(conversations.priority), desc(conversations.lastMessageAt), desc(conversations.id)]
    : [desc(conversations.lastMessageAt), desc(conversations.id)];
}

// The rows after a page's last one, in the list's order.
function afterCondition(sort: InboxSort, after: Position | undefined): SQL | undefined {
  if (!after) return undefined;
  const recent = sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`;
  if (sort === "recent" || !after.p) return recent;
  return sql`(${conversations.priority} < ${after.p}::conversation_priority
    or (${conversations.priority} = ${after.p}::conversation_priority and ${recent}))`;
}

/**
 * The owner's reply from the WhatsApp Business app made the latest take-over (Coexistence): read
 * only for a conversation a person has and nobody is assigned to, the one case it changes.
 */
export const takenOverFromApp = sql<boolean>`(case
  when ${conversations.status} = 'human' and ${conversations.assigneeId} is null then coalesce((
    select ${conversationEvents.body} = 'business_app' from ${conversationEvents}
     where ${conversationEvents.conversationId} = ${conversations.id}
       and ${conversationEvents.kind} = 'took_over'
     order by ${conversationEvents.createdAt} desc limit 1), false)
  else false end)`;

// A list row's columns, read the same way for a page and for the rows pushed after a change.
const rowColumns = {
  id: conversations.id,
  status: conversations.status,
  needsHuman: conversations.needsHuman,
  handoffReason: conversations.handoffReason,
  assigneeId: conversations.assigneeId,
  unreadCount: conversations.unreadCount,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  lastInboundAt: conversations.lastInboundAt,
  priority: conversations.priority,
  snoozedUntil: conversations.snoozedUntil,
  labelIds,
  windowOpen: sql<boolean>`coalesce(${conversations.lastInboundAt} > now() - interval '24 hours', false)`,
  takenOverFromApp,
  contactName: contacts.name,
  contactWaId: contacts.waId,
};

function toRow<T extends { contactName: string | null; contactWaId: string | null }>({
  contactName,
  contactWaId,
  ...row
}: T) {
  return { ...row, contact: { name: contactName, waId: contactWaId } };
}

async function readPage(db: Db, where: SQL | undefined, limit: number, sort: InboxSort = "recent") {
  const rows = await db
    .select({ ...rowColumns, position: sql<string>`${conversations.lastMessageAt}::text` })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where)
    .orderBy(...orderOf(sort))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ position: _, ...row }) => toRow(row)),
    next:
      rows.length > limit && last
        ? {
            at: last.position,
            id: last.id,
            ...(sort === "priority" ? { p: last.priority } : {}),
          }
        : null,
  };
}

// Newest first; keyset pagination on (last_message_at, id), each tab served by its own index.
// Search matches the contact's name words and phone prefix, and words of any message.
export async function listInbox(db: Db, params: ListInboxParams) {
  const { workspaceId, userId, filter, search, after, limit, tuning } = params;
  const sort = params.sort ?? "recent";
  const base = and(
    eq(conversations.workspaceId, workspaceId),
    filterCondition(filter, userId),
    params.priority ? eq(conversations.priority, params.priority) : undefined,
    params.labelId
      ? sql`exists (select 1 from ${conversationLabels}
          where ${conversationLabels.conversationId} = ${conversations.id}
            and ${conversationLabels.labelId} = ${params.labelId})`
      : undefined,
    afterCondition(sort, after),
  );
  if (!search?.trim()) return readPage(db, base, limit, sort);
  const tsquery = toPrefixTsquery(search);
  if (!tsquery) return { rows: [], next: null };
  const q = sql`to_tsquery('simple', ${tsquery})`;
  const walk = walkMatch(workspaceId, q);
  // The walk follows the newest-first order; a list by priority collects matches instead.
  const budget = sort === "recent" ? (tuning?.walkBudget ?? WALK_BUDGET) : 0;
  if (budget > 0) {
    const edge = await edgeOf(db, base, budget);
    if (!edge) return readPage(db, and(base, walk), limit);
    const within = sql`(${conversations.lastMessageAt}, ${conversations.id}) >= (${edge.at}::timestamptz, ${edge.id}::uuid)`;
    const first = await readPage(db, and(base, within, walk), limit);
    if (first.next) return first;
  }
  const collected = await collectMatch(db, workspaceId, q, tuning?.collectLimit ?? COLLECT_LIMIT);
  return readPage(db, and(base, collected ?? walk), limit, sort);
}

/**
 * How many conversations each tab holds, and `waiting`: those waiting for a person or assigned to
 * this one with messages nobody read (the count in the browser tab's title).
 */
export type InboxCounts = Record<InboxFilter, number> & { waiting: number };

/** How many conversations each tab holds, in one pass over the workspace's conversations. */
export async function inboxCounts(db: Db, params: Scope): Promise<InboxCounts> {
  const count = (condition: SQL | undefined) =>
    sql<number>`count(*) filter (where ${condition})::int`.mapWith(Number);
  const [row] = await db
    .select({
      all: count(filterCondition("all", params.userId)),
      needs_human: count(filterCondition("needs_human", params.userId)),
      bot: count(filterCondition("bot", params.userId)),
      closed: count(filterCondition("closed", params.userId)),
      mine: count(filterCondition("mine", params.userId)),
      unread: count(filterCondition("unread", params.userId)),
      waiting: count(
        or(
          filterCondition("needs_human", params.userId),
          and(filterCondition("mine", params.userId), sql`${conversations.unreadCount} > 0`),
        ),
      ),
      snoozed: count(filterCondition("snoozed", params.userId)),
    })
    .from(conversations)
    .where(eq(conversations.workspaceId, params.workspaceId));
  return (
    row ?? { all: 0, needs_human: 0, bot: 0, closed: 0, mine: 0, unread: 0, waiting: 0, snoozed: 0 }
  );
}

/** The tabs a conversation can be in whoever looks ("mine" depends on the person). */
export const sharedTabs = ["all", "needs_human", "bot", "closed", "unread", "snoozed"] as const;
export type SharedTab = (typeof sharedTabs)[number];

/**
 * These conversations of the workspace as list rows (the list's own shape), each with the tabs it
 * is in, by the list's own conditions. Ids of another workspace, or gone, are left out.
 */
export async function inboxRowsByIds(db: Db, p: { workspaceId: string; ids: string[] }) {
  if (p.ids.length === 0) return [];
  const tabs = sql<SharedTab[]>`array_remove(array[${sql.join(
    sharedTabs.map((t) => sql`case when ${filterCondition(t, "")} then ${t} end`),
    sql`, `,
  )}]::text[], null)`;
  const rows = await db
    .select({ ...rowColumns, tabs })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(
        eq(conversations.workspaceId, p.workspaceId),
        sql`${conversations.id} = any(${uuidArray(p.ids)})`,
      ),
    );
  return rows.map(({ tabs: t, ...row }) => ({ row: toRow(row), tabs: t }));
}

/**
 * Every tab's count for every member at once: the counts that do not depend on who looks, and per
 * assignee their "mine" and their own unread conversations not already waiting for a person (so
 * `countsFor` gives exactly what `inboxCounts` gives that person).
 */
export type SharedCounts = {
  shared: Record<SharedTab, number>;
  byAssignee: Record<string, { mine: number; mineUnread: number }>;
};

export async function inboxCountsByAssignee(db: Db, workspaceId: string): Promise<SharedCounts> {
  const count = (condition: SQL | undefined) =>
    sql<number>`count(*) filter (where ${condition})::int`.mapWith(Number);
  const groups = await db
    .select({
      assigneeId: conversations.assigneeId,
      all: count(filterCondition("all", "")),
      needs_human: count(filterCondition("needs_human", "")),
      bot: count(filterCondition("bot", "")),
      closed: count(filterCondition("closed", "")),
      unread: count(filterCondition("unread", "")),
      snoozed: count(filterCondition("snoozed", "")),
      mineUnread: count(and(filterCondition("unread", ""), eq(conversations.needsHuman, false))),
    })
    .from(conversations)
    .where(eq(conversations.workspaceId, workspaceId))
    .groupBy(conversations.assigneeId);
  const shared = { all: 0, needs_human: 0, bot: 0, closed: 0, unread: 0, snoozed: 0 };
  const byAssignee: SharedCounts["byAssignee"] = {};
  for (const g of groups) {
    for (const t of sharedTabs) shared[t] += g[t];
    if (g.assigneeId) byAssignee[g.assigneeId] = { mine: g.all, mineUnread: g.mineUnread };
  }
  return { shared, byAssignee };
}

/** One person's counts out of everyone's: the same figures `inboxCounts` reads for them. */
export function countsFor(counts: SharedCounts, userId: string): InboxCounts {
  const own = counts.byAssignee[userId];
  return {
    ...counts.shared,
    mine: own?.mine ?? 0,
    waiting: counts.shared.needs_human + (own?.mineUnread ?? 0),
  };
}
