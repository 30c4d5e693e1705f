import { index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { at } from "./columns";
import { apiKeys, workspaces } from "./workspaces";

// Public API writes sent with an `Idempotency-Key` header, per workspace: the request's
// fingerprint (method, path and body) and, once answered, the answer a repeat gets back. A row
// without a status is a request still being answered. Expired rows are pruned.
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    contentType: text("content_type"),
    body: text("body"),
    startedAt: at("started_at").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), index().on(t.expiresAt)],
);

// Requests per API key in the current fixed window: one row per key, counted with one atomic
// upsert, so the limit holds however many servers answer.
export const apiRateCounters = pgTable("api_rate_counters", {
  apiKeyId: uuid("api_key_id")
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: "cascade" }),
  windowStart: at("window_start").notNull(),
  count: integer("count").notNull(),
});
