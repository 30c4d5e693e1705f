import { sql } from "drizzle-orm";
import { GOOD_SCORE } from "@/lib/csat/rating-buttons";
import type { Db } from "../../client";
import { csatRequests, users } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

export type CsatFigures = {
  /** Rating requests sent to customers for conversations closed in the range. */
  asked: number;
  /** Of those, the ones the customer rated. */
  rated: number;
  /** Ratings of the best score ("Great"). */
  good: number;
  /** Good ratings among ratings, 0–1; null with no rating. */
  goodShare: number | null;
  /** Ratings among requests sent, 0–1; null with no request. */
  responseRate: number | null;
};

export type Csat = CsatFigures & {
  /** Closes whose request was not sent (outside the 24-hour window, opted out). */
  notSent: number;
  /** Ratings by score, best first. */
  byScore: { score: number; count: number }[];
  /** Per agent rated (the assignee at close, else who closed), most requests first. */
  byAgent: (CsatFigures & { agentId: string | null; name: string | null })[];
};

const figures = (r: Record<string, unknown>): CsatFigures => {
  const asked = num(r.asked);
  const rated = num(r.rated);
  const good = num(r.good);
  return {
    asked,
    rated,
    good,
    goodShare: rated > 0 ? good / rated : null,
    responseRate: asked > 0 ? rated / asked : null,
  };
};

/** Customers' ratings of conversations closed in the range: overall, by score and per agent. */
export async function csatFigures(db: Db, p: AnalyticsRange): Promise<Csat> {
  const rows = await analyticsRows(
    db,
    sql`select r.agent_id as agent_id, min(u.name) as name, grouping(r.agent_id) as total,
               count(*) filter (where r.message_id is not null) as asked,
               count(*) filter (where r.skip_reason is not null) as not_sent,
               count(r.score) as rated,
               count(*) filter (where r.score = ${GOOD_SCORE}) as good,
               count(*) filter (where r.score = 3) as s3,
               count(*) filter (where r.score = 2) as s2,
               count(*) filter (where r.score = 1) as s1
          from ${csatRequests} r
          left join ${users} u on u.id = r.agent_id
         where r.workspace_id = ${p.workspaceId} and ${inRange(sql`r.created_at`, p)}
         group by grouping sets ((r.agent_id), ())
         order by total desc, asked desc, name`,
  );
  const total = rows.find((r) => num(r.total) === 1) ?? {};
  return {
    ...figures(total),
    notSent: num(total.not_sent),
    byScore: [3, 2, 1].map((score) => ({ score, count: num(total[`s${score}`]) })),
    byAgent: rows
      .filter((r) => num(r.total) === 0 && num(r.asked) + num(r.rated) > 0)
      .map((r) => ({
        agentId: (r.agent_id as string | null) ?? null,
        name: (r.name as string | null) ?? null,
        ...figures(r),
      })),
  };
}
