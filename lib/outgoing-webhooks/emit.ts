import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { insertOutgoingDeliveries, listActiveSubscriptions } from "@/db/queries/outgoing-webhooks";
import type { OutgoingEvent } from "@/db/schema";
import { log } from "@/lib/log";

// Which endpoints take which events, per workspace, read at most every 30 seconds per process:
// most workspaces have none, and the busiest paths (each customer message, reply and status)
// ask. A change made on this server applies at once; other servers see it within the 30 s.
// Plain data only, so every bundle of the process can share it.
const SUBSCRIPTIONS_TTL_MS = 30_000;
const store = globalThis as unknown as {
  __parleyOutgoingSubscriptions?: Map<
    string,
    { at: number; subs: { id: string; events: string[] }[] }
  >;
};
store.__parleyOutgoingSubscriptions ??= new Map();
const cache = store.__parleyOutgoingSubscriptions;

/** Forgets the workspace's endpoints in this process after they change. */
export function forgetSubscriptions(workspaceId: string) {
  cache.delete(workspaceId);
}

async function subscriptions(db: Db, workspaceId: string) {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < SUBSCRIPTIONS_TTL_MS) return hit.subs;
  const subs = await listActiveSubscriptions(db, workspaceId);
  cache.set(workspaceId, { at: Date.now(), subs });
  return subs;
}

/**
 * An event to send. `id` names it for receivers, who may see it twice (deliveries are at least
 * once): events about one message carry an id made from it, so a repeat is recognisable.
 */
export type EmittedEvent = {
  type: OutgoingEvent | "ping";
  id?: string;
  data: Record<string, unknown>;
};

/** Whether any endpoint of the workspace takes this event (cached: usually no database read). */
export async function isSubscribed(db: Db, workspaceId: string, type: OutgoingEvent) {
  return (await subscriptions(db, workspaceId)).some((s) => s.events.includes(type));
}

/** The JSON body every endpoint gets for one event: the same id on each of them. */
export function eventBody(workspaceId: string, event: EmittedEvent, at = new Date()) {
  return JSON.stringify({
    id: event.id ?? `evt_${randomUUID()}`,
    type: event.type,
    createdAt: at.toISOString(),
    workspaceId,
    data: event.data,
  });
}

export type DispatchDeliveries = (rows: { id: string; workspaceId: string }[]) => Promise<void>;

/**
 * Queues an event for every endpoint of the workspace subscribed to it (usually none: one cached
 * lookup) and hands the deliveries to the job system. The event has happened and is stored
 * already, so a failure here is logged and does not undo it.
 */
export async function emitEvent(
  db: Db,
  workspaceId: string,
  event: EmittedEvent,
  options: { only?: { webhookId: string }; dispatch?: DispatchDeliveries } = {},
): Promise<number> {
  try {
    const subs = options.only
      ? [{ id: options.only.webhookId, events: [event.type] }]
      : (await subscriptions(db, workspaceId)).filter((s) => s.events.includes(event.type));
    if (subs.length === 0) return 0;
    const body = eventBody(workspaceId, event);
    const rows = await insertOutgoingDeliveries(
      db,
      subs.map((s) => ({ workspaceId, webhookId: s.id, event: event.type, body })),
    );
    // Loaded when needed: the dispatcher imports the job handlers, which import much of the app.
    const dispatch =
      options.dispatch ?? (await import("@/inngest/dispatch")).dispatchOutgoingDeliveries;
    await dispatch(rows);
    return rows.length;
  } catch (err) {
    log.error({ err, workspaceId, event: event.type }, "Could not queue an outgoing webhook event");
    return 0;
  }
}
