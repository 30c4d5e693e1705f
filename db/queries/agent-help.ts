import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agentHelpCalls, conversationSummaries, conversations, messages } from "../schema";
import { notifyLive } from "./live";

export type AgentHelpKind = (typeof agentHelpCalls.$inferInsert)["kind"];

/** One turn of a conversation as the agent's AI help reads it: who wrote it and what it said. */
export type HelpTurn = {
  from: "customer" | "bot" | "team";
  text: string;
};

/**
 * The conversation's latest turns with words, oldest first (a voice note by its transcript);
 * null when the conversation is not the workspace's.
 */
export async function listHelpTurns(
  db: Db,
  p: { workspaceId: string; conversationId: string; limit: number },
): Promise<HelpTurn[] | null> {
  const [owned] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
    );
  if (!owned) return null;
  const rows = await db
    .select({
      direction: messages.direction,
      source: messages.source,
      text: sql<string>`coalesce(${messages.text}, ${messages.transcript})`,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, p.workspaceId),
        eq(messages.conversationId, p.conversationId),
        sql`coalesce(${messages.text}, ${messages.transcript}) is not null`,
        sql`${messages.status} <> 'failed'`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(p.limit);
  return rows.reverse().map((r) => ({
    from: r.direction === "inbound" ? "customer" : r.source === "human" ? "team" : "bot",
    text: r.text,
  }));
}

/** Records one AI call made for the team, for the analytics' AI usage and cost. */
export async function recordAgentHelpCall(
  db: Db,
  p: {
    workspaceId: string;
    conversationId: string | null;
    userId: string | null;
    kind: AgentHelpKind;
    aiModel: string;
    promptTokens: number;
    completionTokens: number;
    costMicros: number | null;
    latencyMs: number;
  },
) {
  await db.insert(agentHelpCalls).values(p);
}

export type ConversationSummary = {
  state: "pending" | "ready" | "failed";
  requestedAt: Date;
  wants: string | null;
  botSaid: string | null;
  openQuestions: string | null;
  error: string | null;
  updatedAt: Date;
};

const summaryFields = {
  state: conversationSummaries.state,
  requestedAt: conversationSummaries.requestedAt,
  wants: conversationSummaries.wants,
  botSaid: conversationSummaries.botSaid,
  openQuestions: conversationSummaries.openQuestions,
  error: conversationSummaries.error,
  updatedAt: conversationSummaries.updatedAt,
};

export async function getConversationSummary(
  db: Db,
  p: { workspaceId: string; conversationId: string },
): Promise<ConversationSummary | null> {
  const [row] = await db
    .select(summaryFields)
    .from(conversationSummaries)
    .where(
      and(
        eq(conversationSummaries.workspaceId, p.workspaceId),
        eq(conversationSummaries.conversationId, p.conversationId),
      ),
    );
  return row ?? null;
}

/**
 * Marks the conversation's summary as being made (the previous one stays shown until the new one
 * is ready). Returns the request's time, which the job carries, or null when the conversation is
 * not the workspace's.
 */
export async function requestConversationSummary(
  db: Db,
  p: { workspaceId: string; conversationId: string; at?: Date },
): Promise<Date | null> {
  const at = p.at ?? new Date();
  const [owned] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(eq(conversations.id, p.conversationId), eq(conversations.workspaceId, p.workspaceId)),
    );
  if (!owned) return null;
  await db
    .insert(conversationSummaries)
    .values({
      workspaceId: p.workspaceId,
      conversationId: p.conversationId,
      state: "pending",
      requestedAt: at,
    })
    .onConflictDoUpdate({
      target: conversationSummaries.conversationId,
      set: { state: "pending", requestedAt: at, error: null },
      // The conversation id is unique across workspaces; the row stays its own workspace's.
      setWhere: eq(conversationSummaries.workspaceId, p.workspaceId),
    });
  return at;
}

type Outcome =
  | { state: "ready"; wants: string; botSaid: string; openQuestions: string; aiModel: string }
  | { state: "failed"; error: string };

/**
 * Stores what the job made of the request at `requestedAt`; a newer request (a later hand-off or
 * refresh) wins, so an older run finishing late changes nothing. True when stored.
 */
export async function finishConversationSummary(
  db: Db,
  p: { workspaceId: string; conversationId: string; requestedAt: Date; outcome: Outcome },
): Promise<boolean> {
  const o = p.outcome;
  const set =
    o.state === "ready"
      ? { ...o, error: null }
      : // A failed refresh keeps the summary already there, with the reason beside it.
        { state: "failed" as const, error: o.error };
  const stored = await db
    .update(conversationSummaries)
    .set(set)
    .where(
      and(
        eq(conversationSummaries.workspaceId, p.workspaceId),
        eq(conversationSummaries.conversationId, p.conversationId),
        lte(conversationSummaries.requestedAt, p.requestedAt),
      ),
    )
    .returning({ id: conversationSummaries.id });
  if (stored.length === 0) return false;
  await notifyLive(db, [{ w: p.workspaceId, c: p.conversationId, k: "conversation" }]);
  return true;
}
