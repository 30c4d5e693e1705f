import { sql } from "drizzle-orm";
import { RATING_ID_PREFIX } from "@/lib/csat/rating-buttons";
import type { Db } from "../../client";
import { escalations, messages } from "../../schema";
import { type AnalyticsRange, inRange, num, numOrNull, rangeEnd, rangeStart } from "./range";
import { analyticsRows } from "./rows";

export type ResponseTime = {
  /** Waits answered within a day. */
  answered: number;
  medianMs: number | null;
  p90Ms: number | null;
};

export type FirstResponseTimes = {
  bot: ResponseTime;
  /**
   * `unanswered`: waits for a person that no one answered within a day, counted once the day has
   * passed; a wait younger than a day is not late yet.
   */
  people: ResponseTime & { unanswered: number };
};

// Only messages the customer could see count: outbound ones still queued or failed are left out.
// A wait starts at a customer message (in the range) whose previous message in the conversation
// is the business's, or that follows a day without messages. It is the bot's when the first
// outbound message after it is the bot's (FAQ, AI or a notice), and ends there. It is a person's
// when the bot did not answer it, or when the bot handed the message to a person (an escalation
// on it), even after the bot's notice; it ends at the first message a person wrote. An answer
// counts only within 24 hours, as WhatsApp's customer-service window closes then; later ones
// leave the wait unanswered. Reading one day past each end of the range judges the waits at
// its edges by the same rules as the others.
const DAY = sql`interval '24 hours'`;
const BOT_FIRST = sql`coalesce(starts and next_bot_at <= created_at + ${DAY}
                               and next_bot_at <= coalesce(next_human_at, 'infinity'), false)`;

/** Median and 90th percentile of the bot's and people's first response, over the range. */
export async function firstResponseTimes(
  db: Db,
  p: AnalyticsRange,
  now = new Date(),
): Promise<FirstResponseTimes> {
  // One pass over the conversations in reverse order: `lead` is the message before, and the
  // running minimum of later times the first bot and person message after.
  const [row] = await analyticsRows(
    db,
    sql`with s as (
          select m.created_at, m.direction,
                 m.id in (select e.message_id from ${escalations} e
                           where e.workspace_id = ${p.workspaceId}
                             and e.created_at >= ${rangeStart(p)} and e.created_at < ${rangeEnd(p)} + ${DAY}
                         ) as handed_off,
                 lead(m.direction) over w as prev_direction,
                 lead(m.created_at) over w as prev_at,
                 min(m.created_at) filter (where m.source in ('faq', 'ai', 'system')) over w as next_bot_at,
                 min(m.created_at) filter (where m.source = 'human') over w as next_human_at
            from ${messages} m
           where m.workspace_id = ${p.workspaceId}
             and m.created_at >= ${rangeStart(p)} - ${DAY} and m.created_at < ${rangeEnd(p)} + ${DAY}
             and m.status not in ('pending', 'failed')
             -- Reactions, edits and deletions are not questions: they neither start a wait nor
             -- end the one before them. Nor is a tap on a rating request's buttons, nor the
             -- thanks the bot sends for it.
             and m.type not in ('reaction', 'edit', 'revoke')
             and coalesce(m.payload->'interactive'->'button_reply'->>'id', '') not like ${`${RATING_ID_PREFIX}%`}
             and m.reply_kind is distinct from 'rating_thanks'
          window w as (partition by m.conversation_id order by m.created_at desc, m.seq desc
                       rows between unbounded preceding and 1 preceding)
        ), waits as (
          select *, ${BOT_FIRST} as bot
            from (select created_at, next_bot_at, next_human_at, handed_off,
                         coalesce(prev_direction <> 'inbound' or prev_at < created_at - ${DAY}, true) as starts
                    from s
                   where direction = 'inbound' and ${inRange(sql`created_at`, p)}) inbound
        ), judged as (
          select bot, (starts and not bot) or handed_off as person,
                 created_at <= ${now.toISOString()}::timestamptz - ${DAY} as day_passed,
                 date_part('epoch', next_bot_at - created_at) * 1000 as bot_ms,
                 case when next_human_at <= created_at + ${DAY}
                      then date_part('epoch', next_human_at - created_at) * 1000 end as person_ms
            from waits
           where starts or handed_off
        )
        select count(*) filter (where bot) as bot_answered,
               percentile_cont(array[0.5, 0.9]) within group (order by bot_ms)
                 filter (where bot) as bot,
               count(person_ms) filter (where person) as people_answered,
               count(*) filter (where person and person_ms is null and day_passed) as people_unanswered,
               percentile_cont(array[0.5, 0.9]) within group (order by person_ms)
                 filter (where person) as people
          from judged`,
  );
  const bot = (row?.bot ?? null) as number[] | null;
  const people = (row?.people ?? null) as number[] | null;
  return {
    bot: {
      answered: num(row?.bot_answered),
      medianMs: numOrNull(bot?.[0]),
      p90Ms: numOrNull(bot?.[1]),
    },
    people: {
      answered: num(row?.people_answered),
      unanswered: num(row?.people_unanswered),
      medianMs: numOrNull(people?.[0]),
      p90Ms: numOrNull(people?.[1]),
    },
  };
}
