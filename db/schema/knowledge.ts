import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const knowledgeKindEnum = pgEnum("knowledge_kind", ["file", "text", "website"]);
export const knowledgeStatusEnum = pgEnum("knowledge_status", ["processing", "ready", "failed"]);

// What the bot may answer from besides the FAQ: an uploaded document, pasted text or a website.
// A source is read and split into passages by a background job; `status` says how that went and
// `failureReason` says why in words the owner understands.
export const knowledgeSources = pgTable(
  "knowledge_sources",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: knowledgeKindEnum("kind").notNull(),
    title: text("title").notNull(),
    // Uploaded files: the name and type as uploaded, and the size in bytes.
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    // Bytes uploaded, characters pasted, or characters of readable text found on a website.
    sizeBytes: integer("size_bytes").notNull().default(0),
    status: knowledgeStatusEnum("status").notNull().default("processing"),
    failureReason: text("failure_reason"),
    // Set when the source was read only in part (too long, more pages than the limit).
    note: text("note"),
    passageCount: integer("passage_count").notNull().default(0),
    // Websites: the start address, how many same-site pages to read, how often to read them again
    // (hours; null: only on demand), and how many pages the last sync read.
    startUrl: text("start_url"),
    maxPages: integer("max_pages"),
    resyncHours: integer("resync_hours"),
    pagesCrawled: integer("pages_crawled"),
    // When the current run was asked for: a run that finds a newer request stands down.
    syncRequestedAt: at("sync_requested_at").notNull().defaultNow(),
    lastSyncedAt: at("last_synced_at"),
    nextSyncAt: at("next_sync_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.workspaceId, t.createdAt),
    index("knowledge_sources_due_idx").on(t.nextSyncAt).where(sql`${t.nextSyncAt} is not null`),
  ],
);

// The bytes of an uploaded file or the pasted text, kept so the job (on any machine) can read
// them and a source can be read again. Removed with its source.
export const knowledgeContents = pgTable("knowledge_contents", {
  sourceId: uuid("source_id")
    .primaryKey()
    .references(() => knowledgeSources.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  bytes: bytea("bytes").notNull(),
});

// A passage of a source: a few paragraphs under one heading (or of one page or web page), the
// unit retrieved for the AI. `searchText` is the passage's words as the bot's matcher reads them
// (accents folded, filler words dropped, light stemming), and `search` indexes it: the 'simple'
// configuration leaves the words as they are, so every language is searched alike.
export const knowledgePassages = pgTable(
  "knowledge_passages",
  {
    id: id(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => knowledgeSources.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    heading: text("heading"),
    pageUrl: text("page_url"),
    text: text("text").notNull(),
    searchText: text("search_text").notNull(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', left(search_text, 65536))`),
    // The passage's vector in one embedding space ("provider:model"), when the workspace has one.
    embeddingModel: text("embedding_model"),
    embedding: real("embedding").array(),
  },
  (t) => [
    unique().on(t.sourceId, t.position),
    index().on(t.workspaceId),
    index("knowledge_passages_search_idx").using("gin", t.search),
  ],
);
