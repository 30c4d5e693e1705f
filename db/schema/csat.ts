import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id } from "./columns";
import { conversationEvents, conversations, messages } from "./conversations";
import { workspaces } from "./workspaces";

// One row per close of a conversation by a person, when the workspace asks for ratings: the
// request sent to the customer (or why none was), and the customer's rating once they tap.
export const csatRequests = pgTable(
  "csat_requests",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    // The close that asked: a close repeated or retried finds this row and asks nothing more.
    closeEventId: uuid("close_event_id")
      .notNull()
      .unique()
      .references(() => conversationEvents.id, { onDelete: "cascade" }),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    // Whose work is rated: the assignee at close, else the person who closed it.
    agentId: text("agent_id").references(() => users.id, { onDelete: "set null" }),
    // The request sent (the outbound message), or why nothing was sent.
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    skipReason: text("skip_reason", { enum: ["window_closed", "opted_out", "unreachable"] }),
    // The first tap counts; a later or repeated one is kept in the thread only.
    score: integer("score"),
    ratedAt: at("rated_at"),
    ratingMessageId: uuid("rating_message_id").references(() => messages.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.workspaceId, t.createdAt),
    index().on(t.conversationId),
    check("csat_requests_score", sql`${t.score} is null or ${t.score} between 1 and 3`),
  ],
);
