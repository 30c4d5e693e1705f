import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { escalations, faqs, messages } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

export type UnansweredQuestion = {
  /** The grouping key: the text as the FAQ matcher normalises it. */
  normalized: string;
  count: number;
  lastAskedAt: Date;
  /** The latest wording a customer used, to start a FAQ entry from. */
  example: string;
};

/**
 * The SQL twin of `normalize` in lib/bot/text.ts: accents and case dropped, a possessive 's
 * removed, anything but letters and digits turned into single spaces. Of the combining marks,
 * those of the Latin range are dropped, which covers the accents customers type.
 */
export const normalizedText = (text: SQL) =>
  sql`trim(regexp_replace(
        regexp_replace(
          lower(regexp_replace(normalize(${text}, NFKD), '[\u0300-\u036f]+', '', 'g')),
          '[''’]s\\M', '', 'g'),
        '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * The customer messages the bot could not answer, grouped by their normalised text: those answered
 * with the fallback message in the range, and those handed to a person as "unanswered" in the
 * range. A text that is now the question or another wording of an FAQ entry counts as handled and
 * is left out. `order` "count" lists the most asked first, "recent" the latest asked first.
 */
export async function unansweredQuestions(
  db: Db,
  p: AnalyticsRange & { limit: number; order?: "count" | "recent" },
): Promise<UnansweredQuestion[]> {
  const order =
    p.order === "recent"
      ? sql`max(last_asked_at) desc, sum(count) desc, normalized`
      : sql`sum(count) desc, max(last_asked_at) desc, normalized`;
  // Fallback rows are the answer rows (see answer-sources.ts) the system wrote, which the partial
  // index of answers serves without reading the table. Customers repeat the same words, so each
  // distinct text is normalised once.
  const rows = await analyticsRows(
    db,
    sql`with asked as (
          select m.reply_to_id as id
            from ${messages} m
           where m.workspace_id = ${p.workspaceId} and ${inRange(sql`m.created_at`, p)}
             and m.direction = 'outbound' and m.reply_kind in ('answer', 'fallback')
             and m.source = 'system'
          union
          select e.message_id
            from ${escalations} e
           where e.workspace_id = ${p.workspaceId} and ${inRange(sql`e.created_at`, p)}
             and e.reason = 'unanswered'
        ), texts as (
          select q.text, count(*) as count, max(q.created_at) as last_asked_at
            from asked a
            join ${messages} q on q.id = a.id
           where q.workspace_id = ${p.workspaceId} and q.direction = 'inbound'
           group by q.text
        ), normalized as (
          select ${normalizedText(sql`text`)} as normalized, text, count, last_asked_at from texts
        ), handled as (
          select ${normalizedText(sql`w.wording`)} as normalized
            from ${faqs} f, unnest(array[f.question] || f.examples) as w(wording)
           where f.workspace_id = ${p.workspaceId}
        )
        select normalized, sum(count) as count, max(last_asked_at) as last_asked_at,
               (array_agg(text order by last_asked_at desc, text))[1] as example
          from normalized
         where normalized <> '' and normalized not in (select normalized from handled)
         group by normalized
         order by ${order}
         limit ${p.limit}`,
  );
  return rows.map((r) => ({
    normalized: String(r.normalized),
    count: num(r.count),
    lastAskedAt: new Date(r.last_asked_at as string | Date),
    example: String(r.example),
  }));
}
