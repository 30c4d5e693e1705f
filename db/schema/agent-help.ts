import { index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, updatedAt } from "./columns";
import { conversations } from "./conversations";
import { workspaces } from "./workspaces";

/** What an agent asked the AI for in the inbox; the summary is also made on every hand-off. */
export const agentHelpKindEnum = pgEnum("agent_help_kind", [
  "suggest",
  "summary",
  "translate",
  "friendlier",
]);

// One row per AI call made for the team (not for the customer): its model, tokens and estimated
// cost, so the analytics' AI cost counts them with the bot's answers.
export const agentHelpCalls = pgTable(
  "agent_help_calls",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, {
      onDelete: "set null",
    }),
    // Null for a summary made by the hand-off job.
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: agentHelpKindEnum("kind").notNull(),
    aiModel: text("ai_model").notNull(),
    promptTokens: integer("prompt_tokens").notNull(),
    completionTokens: integer("completion_tokens").notNull(),
    costMicros: integer("cost_micros"),
    latencyMs: integer("latency_ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
);

export const summaryStateEnum = pgEnum("conversation_summary_state", [
  "pending",
  "ready",
  "failed",
]);

// The latest summary of a conversation for the person it was handed to: one row per
// conversation, made again on each hand-off or when an agent asks.
export const conversationSummaries = pgTable(
  "conversation_summaries",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .unique()
      .references(() => conversations.id, { onDelete: "cascade" }),
    state: summaryStateEnum("state").notNull(),
    // When the summary was last asked for: a run that finds a newer request leaves the row alone.
    requestedAt: at("requested_at").notNull(),
    wants: text("wants"),
    botSaid: text("bot_said"),
    openQuestions: text("open_questions"),
    // Why the last attempt failed, in words an agent can read (never the provider's response).
    error: text("error"),
    aiModel: text("ai_model"),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId)],
);
