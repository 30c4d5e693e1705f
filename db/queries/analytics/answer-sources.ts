import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, dayText, num, numOrNull, rangeDays } from "./range";
import { analyticsRows } from "./rows";

export type AnswerCounts = {
  /** Outbound messages by how they were written; each is in exactly one of these five. */
  faq: number;
  ai: number;
  /** The bot's fallback message: neither the FAQ nor the AI had an answer. */
  fallback: number;
  /** The bot's other messages: welcome, away, hand-off, opt-out and similar notices. */
  system: number;
  /** Written by a person in the inbox. */
  human: number;
  /** Customer messages the bot answered or tried to answer: FAQ, AI or the fallback. */
  questions: number;
  /** Of those, the ones answered from the FAQ. */
  faqAnswered: number;
  /** faqAnswered / questions; null when the bot was asked nothing. */
  faqHitRate: number | null;
};

export type AnswerSources = { days: (AnswerCounts & { day: string })[]; total: AnswerCounts };

const COLUMNS = sql`faq, ai, fallback, system, human, questions, faq_answered`;

const toCounts = (r: Record<string, unknown>): AnswerCounts => ({
  faq: num(r.faq),
  ai: num(r.ai),
  fallback: num(r.fallback),
  system: num(r.system),
  human: num(r.human),
  questions: num(r.questions),
  faqAnswered: num(r.faq_answered),
  faqHitRate: numOrNull(r.faq_hit_rate),
});

/**
 * How the outbound messages of each local day were written, and the FAQ hit rate: of the
 * customer messages the bot answered or tried to answer (with a FAQ or AI answer or the fallback
 * message), the share answered from the FAQ. A question counts on the day of its answer, which
 * follows within seconds, and once however many answer rows its reply job left. The range's
 * figures are the sums of its days.
 */
export async function answerSources(db: Db, p: AnalyticsRange): Promise<AnswerSources> {
  // The reply job writes the reply kind "answer" on FAQ and AI answers and "fallback", with the
  // source "system", on the fallback; the partial index holds just these answer rows.
  const rows = await analyticsRows(
    db,
    sql`with days as (
          select ${dayText(sql`d.day`)} as day, o.faq, o.ai, o.human, o.bot - a.fallback as system,
                 a.fallback, a.questions, a.faq_answered
            from (${rangeDays(p)}) d
           cross join lateral (
             select count(*) filter (where m.source = 'faq') as faq,
                    count(*) filter (where m.source = 'ai') as ai,
                    count(*) filter (where m.source = 'system') as bot,
                    count(*) filter (where m.source = 'human') as human
               from ${messages} m
              where m.workspace_id = ${p.workspaceId}
                and m.created_at >= d.starts_at and m.created_at < d.ends_at
                and m.direction = 'outbound'
           ) o
           cross join lateral (
             select count(*) filter (where m.source = 'system') as fallback,
                    count(distinct m.reply_to_id) as questions,
                    count(distinct m.reply_to_id) filter (where m.source = 'faq') as faq_answered
               from ${messages} m
              where m.workspace_id = ${p.workspaceId}
                and m.created_at >= d.starts_at and m.created_at < d.ends_at
                and m.direction = 'outbound' and m.reply_kind in ('answer', 'fallback')
           ) a
        ), figures as (
          select day, ${COLUMNS} from days
          union all
          select null, sum(faq), sum(ai), sum(fallback), sum(system), sum(human), sum(questions),
                 sum(faq_answered)
            from days
        )
        select day, ${COLUMNS}, faq_answered::float8 / nullif(questions, 0) as faq_hit_rate
          from figures
         order by day nulls last`,
  );
  const total = rows.find((r) => r.day === null);
  return {
    days: rows.filter((r) => r.day !== null).map((r) => ({ day: String(r.day), ...toCounts(r) })),
    total: toCounts(total ?? {}),
  };
}
