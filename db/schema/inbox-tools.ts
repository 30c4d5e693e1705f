import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { LABEL_COLORS, type LabelColor } from "@/lib/inbox/label-colors";
import { createdAt, id, updatedAt } from "./columns";
import { conversations } from "./conversations";
import { workspaces } from "./workspaces";

// A workspace's saved answers, inserted in the inbox's composer by typing "/" and the shortcut.
// The body may hold variables ({{customer_name}}, {{agent_name}}, {{business_name}}), filled in
// when the agent inserts it.
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("canned_replies_shortcut_idx").on(t.workspaceId, t.shortcut)],
);

// A workspace's labels for conversations, each with one colour of a fixed palette.
export const labels = pgTable(
  "labels",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color").$type<LabelColor>().notNull().default("gray"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Names are unique whatever their case.
    uniqueIndex("labels_name_idx").on(t.workspaceId, sql`lower(${t.name})`),
    check(
      "labels_color",
      sql`${t.color} in (${sql.raw(LABEL_COLORS.map((c) => `'${c}'`).join(", "))})`,
    ),
  ],
);

export const conversationLabels = pgTable(
  "conversation_labels",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    labelId: uuid("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.labelId] }),
    // The list's label filter.
    index().on(t.labelId, t.conversationId),
  ],
);
