import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { agentHelpCalls, messages } from "../../schema";
import { type AnalyticsRange, dayText, num, rangeDays, rangeEnd, rangeStart } from "./range";
import { analyticsRows } from "./rows";

export type AiUsageFigures = {
  /** AI answers written, sent or not: the provider was paid either way. */
  replies: number;
  /** The team's AI help in the inbox (suggested replies, summaries, rewrites). */
  helpCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost in millionths of a US dollar; answers of unknown price add nothing. */
  costMicros: number;
};

export type AiUsage = {
  days: (AiUsageFigures & { day: string })[];
  /** Costliest first; `model` is null for answers whose model was not recorded. */
  models: (AiUsageFigures & { model: string | null })[];
  /** The sums of the days. */
  total: AiUsageFigures;
};

const toFigures = (r: Record<string, unknown>): AiUsageFigures => ({
  replies: num(r.replies),
  helpCalls: num(r.help_calls),
  promptTokens: num(r.prompt_tokens),
  completionTokens: num(r.completion_tokens),
  costMicros: num(r.cost_micros),
});

// Only AI answers carry the AI source, so the partial index of AI answers serves these scans
// without a direction check, which it could not answer from the index. The team's AI help in the
// inbox is paid for too: its calls are added, counted apart from the answers.
const FIGURES = sql`coalesce(sum(m.answers), 0) as replies,
  count(*) - coalesce(sum(m.answers), 0) as help_calls,
  coalesce(sum(m.prompt_tokens), 0) as prompt_tokens,
  coalesce(sum(m.completion_tokens), 0) as completion_tokens,
  coalesce(sum(m.cost_micros), 0) as cost_micros`;

/** The workspace's AI calls in a time range: the bot's answers and the team's AI help. */
const aiCalls = (workspaceId: string, from: SQL, to: SQL) => sql`(
  select a.ai_model, a.prompt_tokens, a.completion_tokens, a.cost_micros, 1 as answers
    from ${messages} a
   where a.workspace_id = ${workspaceId} and a.source = 'ai'
     and a.created_at >= ${from} and a.created_at < ${to}
  union all
  select h.ai_model, h.prompt_tokens, h.completion_tokens, h.cost_micros, 0
    from ${agentHelpCalls} h
   where h.workspace_id = ${workspaceId}
     and h.created_at >= ${from} and h.created_at < ${to}
)`;

/** AI answers, tokens and estimated cost per local day, per model and in all. */
export async function aiUsage(db: Db, p: AnalyticsRange): Promise<AiUsage> {
  const rows = await analyticsRows(
    db,
    sql`with days as (
          select d.day, u.*
            from (${rangeDays(p)}) d
           cross join lateral (
             select ${FIGURES}
               from ${aiCalls(p.workspaceId, sql`d.starts_at`, sql`d.ends_at`)} m
           ) u
        ), models as (
          select m.ai_model as model, ${FIGURES}
            from ${aiCalls(p.workspaceId, rangeStart(p), rangeEnd(p))} m
           group by m.ai_model
        )
        select 'day' as kind, ${dayText(sql`day`)} as key,
               replies, help_calls, prompt_tokens, completion_tokens, cost_micros, 0 as rank
          from days
        union all
        select 'model', model, replies, help_calls, prompt_tokens, completion_tokens, cost_micros,
               row_number() over (order by cost_micros desc, replies + help_calls desc, model nulls last)
          from models
        union all
        select 'total', null, sum(replies), sum(help_calls), sum(prompt_tokens), sum(completion_tokens),
               sum(cost_micros), 0
          from days
        order by kind, rank, key`,
  );
  const total = rows.find((r) => r.kind === "total");
  return {
    days: rows
      .filter((r) => r.kind === "day")
      .map((r) => ({ day: String(r.key), ...toFigures(r) })),
    models: rows
      .filter((r) => r.kind === "model")
      .map((r) => ({ model: r.key === null ? null : String(r.key), ...toFigures(r) })),
    total: toFigures(total ?? {}),
  };
}
