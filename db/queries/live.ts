import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { inboxCountsByAssignee, inboxRowsByIds, type SharedCounts } from "./inbox";

/** The PostgreSQL channel every process listens on for the inbox's live updates. */
export const LIVE_CHANNEL = "parley_live";

export const liveKinds = [
  "inbound",
  "outbound",
  "status",
  "conversation",
  "assigned",
  "handoff",
  "read",
  "note",
] as const;
export type LiveKind = (typeof liveKinds)[number];

/**
 * What changed, as small as a notification can be: the workspace (`w`), the conversation (`c`),
 * the kind (`k`), the conversation's assignee (`a`) where it matters and who did it (`by`).
 */
export type LiveEvent = {
  w: string;
  c: string | null;
  k: LiveKind;
  a?: string | null;
  by?: string | null;
};

/**
 * A `pg_notify` call building the event inside a statement, so that a write and its notification
 * share one round trip and one transaction (PostgreSQL sends it only if the write commits).
 */
export function liveNotify(e: { w: SQL; c: SQL; k: LiveKind; a?: SQL }): SQL {
  return sql`pg_notify(${LIVE_CHANNEL}, json_build_object('w', ${e.w}, 'c', ${e.c}, 'k', ${e.k}::text, 'a', ${e.a ?? sql`null`})::text)`;
}

/** Sends events from the transaction (or at once, outside one): one statement for all. */
export async function notifyLive(db: Db, events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = JSON.stringify([...new Set(events.map((e) => JSON.stringify(e)))]);
  await db.execute(
    sql`select count(pg_notify(${LIVE_CHANNEL}, e)) from jsonb_array_elements_text(${payloads}::jsonb) e`,
  );
}

/**
 * One event per conversation named, carrying its assignee as the transaction sees it (so that a
 * customer writing in an assigned conversation tells its assignee).
 */
export async function notifyConversations(
  db: Db,
  p: { workspaceId: string; kind: LiveKind; conversationIds: string[] },
): Promise<void> {
  if (p.conversationIds.length === 0) return;
  const ids = JSON.stringify([...new Set(p.conversationIds)]);
  await db.execute(
    sql`select count(${liveNotify({ w: sql`c.workspace_id`, c: sql`c.id`, k: p.kind, a: sql`c.assignee_id` })})
          from conversations c
         where c.workspace_id = ${p.workspaceId}
           and c.id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb))`,
  );
}

/**
 * Status events for the conversations holding these WhatsApp message ids (the general ingest
 * path; the usual one notifies in its own statement).
 */
export async function notifyStatuses(
  db: Db,
  p: { workspaceId: string; channelId: string; waMessageIds: string[] },
): Promise<void> {
  if (p.waMessageIds.length === 0) return;
  const ids = JSON.stringify([...new Set(p.waMessageIds)]);
  await db.execute(
    sql`select count(${liveNotify({ w: sql`x.workspace_id`, c: sql`x.conversation_id`, k: "status" })})
          from (select distinct m.workspace_id, m.conversation_id from messages m
                 where m.workspace_id = ${p.workspaceId} and m.channel_id = ${p.channelId}
                   and m.wa_message_id in (select jsonb_array_elements_text(${ids}::jsonb))) x`,
  );
}

/**
 * What a burst of changes in a workspace did to its inbox lists, read once for every open inbox of
 * the process: each changed conversation's list row with its tabs, the ids no longer there (or
 * never of this workspace), and every member's counts.
 */
export type LiveRead = {
  rows: Awaited<ReturnType<typeof inboxRowsByIds>>;
  gone: string[];
  counts: SharedCounts;
};

export async function readLiveChanges(
  db: Db,
  p: { workspaceId: string; conversationIds: string[] },
): Promise<LiveRead> {
  const [rows, counts] = await Promise.all([
    inboxRowsByIds(db, { workspaceId: p.workspaceId, ids: p.conversationIds }),
    inboxCountsByAssignee(db, p.workspaceId),
  ]);
  const found = new Set(rows.map((r) => r.row.id));
  return { rows, gone: p.conversationIds.filter((id) => !found.has(id)), counts };
}
