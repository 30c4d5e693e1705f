import { index, pgTable, primaryKey, real, text, uuid } from "drizzle-orm/pg-core";
import { faqs } from "./bot";
import { updatedAt } from "./columns";
import { workspaces } from "./workspaces";

// One vector per FAQ entry and embedding space ("provider:model"): vectors of different models
// are never compared. `contentHash` is the hash of the text that was embedded, so an entry is
// embedded again only when that text changes. Similarity is computed in the app (a few thousand
// vectors per workspace), so plain `real[]` does and no vector extension is needed.
export const faqEmbeddings = pgTable(
  "faq_embeddings",
  {
    faqId: uuid("faq_id")
      .notNull()
      .references(() => faqs.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    model: text("model").notNull(),
    contentHash: text("content_hash").notNull(),
    vector: real("vector").array().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.faqId, t.model] }), index().on(t.workspaceId, t.model)],
);
