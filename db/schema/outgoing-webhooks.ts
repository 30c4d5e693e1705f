import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

export const OUTGOING_EVENTS = [
  "message.received",
  "message.sent",
  "message.status",
  "conversation.handed_off",
  "conversation.closed",
  "contact.opted_out",
] as const;
export type OutgoingEvent = (typeof OUTGOING_EVENTS)[number];

// An owner's endpoint: Parley posts the events it subscribes to, signed with its own secret.
export const outgoingWebhooks = pgTable(
  "outgoing_webhooks",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events").array().notNull().$type<OutgoingEvent[]>(),
    secretEncrypted: text("secret_encrypted").notNull(),
    // Set when deliveries kept failing (or by hand): nothing is sent until it is turned on again.
    disabledAt: at("disabled_at"),
    disabledReason: text("disabled_reason"),
    // Deliveries that used up every retry since the last one that arrived.
    failedDeliveries: integer("failed_deliveries").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId)],
);

export const outgoingDeliveryStatusEnum = pgEnum("outgoing_delivery_status", [
  "pending",
  "delivered",
  "failed",
]);

// One event for one endpoint, kept with its attempts: the delivery log and the retry queue.
export const outgoingWebhookDeliveries = pgTable(
  "outgoing_webhook_deliveries",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => outgoingWebhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull().$type<OutgoingEvent | "ping">(),
    // The JSON body as sent, byte for byte the same on every attempt (the signature covers it).
    body: text("body").notNull(),
    status: outgoingDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: at("last_attempt_at"),
    deliveredAt: at("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.webhookId, t.createdAt),
    index("outgoing_webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export type OutgoingDelivery = typeof outgoingWebhookDeliveries.$inferSelect;
export type OutgoingWebhook = typeof outgoingWebhooks.$inferSelect;
