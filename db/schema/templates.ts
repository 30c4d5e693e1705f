import { index, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

// The workspace's copy of its WhatsApp message templates, per WABA: read from Meta's listing and
// kept current by Meta's template webhooks (status, quality, category), so the Templates page and
// the inbox's composer show a review's outcome the moment Meta sends it.
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    wabaId: text("waba_id").notNull(),
    /** Meta's template id: what webhooks, edits and deletes name. */
    metaId: text("meta_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category"),
    /** Meta's word, upper case: PENDING, APPROVED, REJECTED, PAUSED, DISABLED… */
    status: text("status").notNull(),
    /** GREEN, YELLOW, RED or UNKNOWN; null until Meta rates it. */
    quality: text("quality"),
    /** Meta's rejection code (INVALID_FORMAT, PROMOTIONAL…), when rejected. */
    rejectedReason: text("rejected_reason"),
    /** The category Meta intends to move it to, or moved it from, when it says so. */
    categoryNote: text("category_note"),
    parameterFormat: text("parameter_format"),
    components: jsonb("components").$type<Record<string, unknown>[]>().notNull().default([]),
    /** When Meta last told us about it (listing or webhook). */
    seenAt: at("seen_at").notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.workspaceId, t.wabaId, t.metaId),
    index().on(t.workspaceId, t.wabaId, t.name),
  ],
);

// When each WABA's templates were last read whole from Meta, so readers know whether to list again.
export const templateSyncs = pgTable(
  "template_syncs",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    wabaId: text("waba_id").notNull(),
    syncedAt: at("synced_at"),
  },
  (t) => [unique().on(t.workspaceId, t.wabaId)],
);
