import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { channels } from "./channels";
import { at, createdAt, id, updatedAt } from "./columns";
import { contacts, messages } from "./conversations";
import { messageTemplates } from "./templates";
import { workspaces } from "./workspaces";

export const broadcastStatusEnum = pgEnum("broadcast_status", [
  "draft",
  "scheduled",
  "sending",
  "cancelled",
  "completed",
]);

// A recipient waits (pending) until a batch takes it: then it has its message (queued) and the
// message's own status tells how it went; or it was left out when its turn came (skipped), or
// the broadcast was cancelled first (cancelled).
export const broadcastRecipientStateEnum = pgEnum("broadcast_recipient_state", [
  "pending",
  "queued",
  "skipped",
  "cancelled",
]);

/** The template as it was chosen: what is sent and shown, whatever later edits do to it. */
export type BroadcastTemplate = {
  name: string;
  language: string;
  category: string | null;
  header: string | null;
  body: string;
  footer: string | null;
  buttons: string[];
  params: { component: "header" | "body"; key: string }[];
  named: boolean;
};

/** Where one template variable's value comes from: a fixed text, or a contact's field. */
export type BroadcastParameter =
  | { kind: "fixed"; value: string }
  | { kind: "field"; field: string; fallback: string };

export type BroadcastAudience = {
  tags: string[];
  tagMatch: "any" | "all";
  attributes: { key: string; value: string }[];
};

// A template sent from one number to an audience of the workspace's contacts.
export const broadcasts = pgTable(
  "broadcasts",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    templateId: uuid("template_id").references(() => messageTemplates.id, {
      onDelete: "set null",
    }),
    template: jsonb("template").$type<BroadcastTemplate>().notNull(),
    /** Per template field (`body.1`, `header.name`), where its value comes from. */
    parameters: jsonb("parameters").$type<Record<string, BroadcastParameter>>().notNull(),
    audience: jsonb("audience").$type<BroadcastAudience>().notNull(),
    status: broadcastStatusEnum("status").notNull().default("draft"),
    /** When it is to start; null: as soon as it is confirmed. */
    scheduledAt: at("scheduled_at"),
    startedAt: at("started_at"),
    finishedAt: at("finished_at"),
    /** Recipients taken when sending started (the audience as it was then). */
    recipientCount: integer("recipient_count"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.workspaceId, t.createdAt),
    // The jobs' sweep: broadcasts due or under way.
    index("broadcasts_active_idx")
      .on(t.status, t.scheduledAt)
      .where(sql`${t.status} in ('scheduled', 'sending')`),
  ],
);

// One row per contact of a broadcast, created once when sending starts.
export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    broadcastId: uuid("broadcast_id")
      .notNull()
      .references(() => broadcasts.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    state: broadcastRecipientStateEnum("state").notNull().default("pending"),
    /** The message sent: its status (sent, delivered, read, failed) is the recipient's. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    /** Why a recipient was skipped, in Meta's code or Parley's own (negative). */
    errorCode: integer("error_code"),
    errorDetails: text("error_details"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.broadcastId, t.contactId),
    index().on(t.broadcastId, t.state, t.id),
    index().on(t.messageId),
    index().on(t.contactId),
  ],
);
