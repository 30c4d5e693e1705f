import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";
import {
  contacts,
  conversations,
  outgoingWebhookDeliveries as deliveries,
  messages,
  type OutgoingEvent,
  outgoingWebhooks as webhooks,
} from "../schema";

export async function createOutgoingWebhook(
  db: Db,
  values: { workspaceId: string; url: string; events: OutgoingEvent[]; secretEncrypted: string },
) {
  const [row] = await db.insert(webhooks).values(values).returning({ id: webhooks.id });
  if (!row) throw new Error("Outgoing webhook insert returned nothing");
  return row;
}

/** The workspace's endpoints for its settings page, never their secrets. */
export async function listOutgoingWebhooks(db: Db, params: { workspaceId: string }) {
  return db
    .select({
      id: webhooks.id,
      url: webhooks.url,
      events: webhooks.events,
      disabledAt: webhooks.disabledAt,
      disabledReason: webhooks.disabledReason,
      failedDeliveries: webhooks.failedDeliveries,
      createdAt: webhooks.createdAt,
    })
    .from(webhooks)
    .where(eq(webhooks.workspaceId, params.workspaceId))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

export async function getOutgoingWebhook(db: Db, params: { workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, params.id), eq(webhooks.workspaceId, params.workspaceId)));
  return row ?? null;
}

export async function deleteOutgoingWebhook(db: Db, params: { workspaceId: string; id: string }) {
  const [row] = await db
    .delete(webhooks)
    .where(and(eq(webhooks.id, params.id), eq(webhooks.workspaceId, params.workspaceId)))
    .returning({ id: webhooks.id, url: webhooks.url });
  return row ?? null;
}

/** Turns an endpoint on (clearing its failures) or off with a reason; null when it is not there. */
export async function setOutgoingWebhookEnabled(
  db: Db,
  params: { workspaceId: string; id: string; enabled: boolean; reason?: string },
) {
  const [row] = await db
    .update(webhooks)
    .set(
      params.enabled
        ? { disabledAt: null, disabledReason: null, failedDeliveries: 0 }
        : { disabledAt: new Date(), disabledReason: params.reason ?? "Turned off by hand." },
    )
    .where(and(eq(webhooks.id, params.id), eq(webhooks.workspaceId, params.workspaceId)))
    .returning({ id: webhooks.id, url: webhooks.url });
  return row ?? null;
}

export async function setOutgoingWebhookSecret(
  db: Db,
  params: { workspaceId: string; id: string; secretEncrypted: string },
) {
  const [row] = await db
    .update(webhooks)
    .set({ secretEncrypted: params.secretEncrypted })
    .where(and(eq(webhooks.id, params.id), eq(webhooks.workspaceId, params.workspaceId)))
    .returning({ id: webhooks.id, url: webhooks.url });
  return row ?? null;
}

/** The endpoints that take events now: ids and the events each subscribes to. */
export async function listActiveSubscriptions(db: Db, workspaceId: string) {
  return db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(and(eq(webhooks.workspaceId, workspaceId), isNull(webhooks.disabledAt)));
}

/** Queues one event body for each endpoint; the rows are the retry queue and the log. */
export async function insertOutgoingDeliveries(
  db: Db,
  rows: { workspaceId: string; webhookId: string; event: string; body: string }[],
) {
  if (rows.length === 0) return [];
  return db
    .insert(deliveries)
    .values(rows.map((r) => ({ ...r, event: r.event as OutgoingEvent })))
    .returning({ id: deliveries.id, workspaceId: deliveries.workspaceId });
}

/** A delivery with what an attempt needs: its endpoint's address, secret and state. */
export async function getDeliveryForAttempt(db: Db, id: string) {
  const [row] = await db
    .select({
      id: deliveries.id,
      workspaceId: deliveries.workspaceId,
      webhookId: deliveries.webhookId,
      event: deliveries.event,
      body: deliveries.body,
      status: deliveries.status,
      attempts: deliveries.attempts,
      url: webhooks.url,
      secretEncrypted: webhooks.secretEncrypted,
      disabledAt: webhooks.disabledAt,
    })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .where(eq(deliveries.id, id));
  return row ?? null;
}

/**
 * Records one attempt. Arrived: the delivery is done and the endpoint's failure count starts
 * over. Failed with retries left: it waits for `nextAttemptAt`. Failed for good: the endpoint's
 * count of failed deliveries goes up, returned so the caller can turn it off.
 */
export async function recordDeliveryAttempt(
  db: Db,
  p: {
    id: string;
    webhookId: string;
    outcome: "delivered" | "retry" | "failed";
    statusCode: number | null;
    error: string | null;
    nextAttemptAt?: Date;
  },
): Promise<{ failedDeliveries: number }> {
  const now = new Date();
  await db
    .update(deliveries)
    .set({
      attempts: sql`${deliveries.attempts} + 1`,
      lastAttemptAt: now,
      lastStatusCode: p.statusCode,
      lastError: p.error,
      status: p.outcome === "retry" ? "pending" : p.outcome,
      ...(p.outcome === "delivered" && { deliveredAt: now }),
      ...(p.nextAttemptAt && { nextAttemptAt: p.nextAttemptAt }),
    })
    .where(and(eq(deliveries.id, p.id), eq(deliveries.status, "pending")));
  if (p.outcome === "retry") return { failedDeliveries: -1 };
  const [row] = await db
    .update(webhooks)
    .set({
      failedDeliveries: p.outcome === "delivered" ? 0 : sql`${webhooks.failedDeliveries} + 1`,
    })
    .where(eq(webhooks.id, p.webhookId))
    .returning({ failedDeliveries: webhooks.failedDeliveries });
  return { failedDeliveries: row?.failedDeliveries ?? 0 };
}

/** Turns an endpoint off after its deliveries kept failing; true if this call did it. */
export async function disableFailingWebhook(db: Db, p: { webhookId: string; reason: string }) {
  const rows = await db
    .update(webhooks)
    .set({ disabledAt: new Date(), disabledReason: p.reason })
    .where(and(eq(webhooks.id, p.webhookId), isNull(webhooks.disabledAt)))
    .returning({ id: webhooks.id, workspaceId: webhooks.workspaceId, url: webhooks.url });
  return rows[0] ?? null;
}

/** The latest deliveries of one endpoint, newest first, for its log. */
export async function listOutgoingDeliveries(
  db: Db,
  params: { workspaceId: string; webhookId: string; limit: number },
) {
  return db
    .select({
      id: deliveries.id,
      event: deliveries.event,
      status: deliveries.status,
      attempts: deliveries.attempts,
      lastStatusCode: deliveries.lastStatusCode,
      lastError: deliveries.lastError,
      nextAttemptAt: deliveries.nextAttemptAt,
      createdAt: deliveries.createdAt,
      deliveredAt: deliveries.deliveredAt,
    })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.workspaceId, params.workspaceId),
        eq(deliveries.webhookId, params.webhookId),
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(params.limit);
}

/** Pending deliveries due before `before`: the in-process driver's catch-up after a restart. */
export async function listDueDeliveries(db: Db, params: { before: Date; limit: number }) {
  return db
    .select({
      id: deliveries.id,
      workspaceId: deliveries.workspaceId,
      attempts: deliveries.attempts,
    })
    .from(deliveries)
    .where(and(eq(deliveries.status, "pending"), lte(deliveries.nextAttemptAt, params.before)))
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(params.limit);
}

/** Deletes finished deliveries older than `before`, at most `limit`; the count deleted. */
export async function pruneOutgoingDeliveries(db: Db, params: { before: Date; limit: number }) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`delete from outgoing_webhook_deliveries where id in (
      select id from outgoing_webhook_deliveries
      where status <> 'pending' and created_at < ${params.before.toISOString()}::timestamptz
      limit ${params.limit}
    ) returning id`,
  );
  return rows.length;
}

/** Inbound messages as the `message.received` event describes them. */
export async function listMessagesForEvents(db: Db, p: { workspaceId: string; ids: string[] }) {
  if (p.ids.length === 0) return [];
  return db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      waMessageId: messages.waMessageId,
      type: messages.type,
      text: messages.text,
      createdAt: messages.createdAt,
      contactId: contacts.id,
      waId: contacts.waId,
      name: contacts.name,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(messages.workspaceId, p.workspaceId), inArray(messages.id, p.ids)))
    .orderBy(asc(messages.seq));
}
