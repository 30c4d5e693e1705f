import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, dayText, inRange, num, rangeDays } from "./range";
import { analyticsRows } from "./rows";

export type AiUsageFigures = {
  /** AI answers written, sent or not: the provider was paid either way. */
  replies: number;
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
  promptTokens: num(r.prompt_tokens),
  completionTokens: num(r.completion_tokens),
  costMicros: num(r.cost_micros),
});

// Only AI answers carry the AI source, so the partial index of AI answers serves these scans
// without a direction check, which it could not answer from the index.
const FIGURES = sql`count(*) as replies,
  coalesce(sum(m.prompt_tokens), 0) as prompt_tokens,
  coalesce(sum(m.completion_tokens), 0) as completion_tokens,
  coalesce(sum(m.cost_micros), 0) as cost_micros`;

/** AI answers, tokens and estimated cost per local day, per model and in all. */
export async function aiUsage(db: Db, p: AnalyticsRange): Promise<AiUsage> {
  const rows = await analyticsRows(
    db,
    sql`with days as (
          select d.day, u.*
            from (${rangeDays(p)}) d
           cross join lateral (
             select ${FIGURES}
               from ${messages} m
              where m.workspace_id = ${p.workspaceId} and m.source = 'ai'
                and m.created_at >= d.starts_at and m.created_at < d.ends_at
           ) u
        ), models as (
          select m.ai_model as model, ${FIGURES}
            from ${messages} m
           where m.workspace_id = ${p.workspaceId} and m.source = 'ai'
             and ${inRange(sql`m.created_at`, p)}
           group by m.ai_model
        )
        select 'day' as kind, ${dayText(sql`day`)} as key,
               replies, prompt_tokens, completion_tokens, cost_micros, 0 as rank
          from days
        union all
        select 'model', model, replies, prompt_tokens, completion_tokens, cost_micros,
               row_number() over (order by cost_micros desc, replies desc, model nulls last)
          from models
        union all
        select 'total', null, sum(replies), sum(prompt_tokens), sum(completion_tokens),
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
