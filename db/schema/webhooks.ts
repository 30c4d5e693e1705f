import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { at, id } from "./columns";
import { workspaces } from "./workspaces";

// Every webhook change as Meta sent it, for diagnosis, kept WEBHOOK_RETENTION_DAYS. Nothing else
// reads these rows: messages and statuses are stored on their own rows and never refer back.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    field: text("field"),
    phoneNumberId: text("phone_number_id"),
    wabaId: text("waba_id"),
    routed: boolean("routed").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    // Items of this change that could not be read, each with the reason; the rest were stored.
    problems: jsonb("problems").$type<{ path: string; message: string }[]>(),
    receivedAt: at("received_at").notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workspaceId, t.receivedAt),
    // The retention prune deletes the oldest rows across every workspace.
    index("webhook_deliveries_received_at_idx").on(t.receivedAt),
    index("webhook_deliveries_unrouted_idx").on(t.receivedAt).where(sql`${t.routed} = false`),
  ],
);
