import { performance } from "node:perf_hooks";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DatabaseHandle, DatabaseKind, Db } from "@/db";
import { activeContacts } from "@/db/queries/analytics/active-contacts";
import { topConversationsByCost } from "@/db/queries/analytics/ai-top-conversations";
import { aiUsage } from "@/db/queries/analytics/ai-usage";
import { answerSources } from "@/db/queries/analytics/answer-sources";
import { busiestHours } from "@/db/queries/analytics/busiest-hours";
import { conversationsStarted } from "@/db/queries/analytics/conversations-started";
import { deliveryFunnel } from "@/db/queries/analytics/delivery";
import { handoffs } from "@/db/queries/analytics/handoffs";
import { messageVolume } from "@/db/queries/analytics/message-volume";
import { optOuts } from "@/db/queries/analytics/opt-outs";
import type { AnalyticsRange } from "@/db/queries/analytics/range";
import { firstResponseTimes } from "@/db/queries/analytics/response-times";
import { unansweredQuestions } from "@/db/queries/analytics/unanswered-questions";
import { queryRows } from "@/db/rows";
import { createTestDatabase } from "@/lib/testing/databases";
import { type AnalyticsDataset, seedAnalyticsDataset } from "./analytics-seed";
import { ms, percentile, type Row, timeRuns } from "./stats";

const GOAL_MS = 150;
const DAY_MS = 24 * 60 * 60 * 1000;
const RANGES = [30, 90];

// A year of history, a million messages in the measured workspace. PostgreSQL holds it among 50
// workspaces; the in-process PGlite among 10, which keeps its memory (some 4 GB) in bounds.
const DATASETS: Record<DatabaseKind, AnalyticsDataset & { runs: number }> = {
  postgres: {
    messages: 1_000_000,
    neighbours: 49,
    neighbourMessages: 20_000,
    days: 365,
    runs: 40,
  },
  pglite: { messages: 1_000_000, neighbours: 9, neighbourMessages: 20_000, days: 365, runs: 15 },
};

const QUERIES: Array<[string, (db: Db, p: AnalyticsRange) => Promise<unknown>]> = [
  ["messages per day", messageVolume],
  ["conversations started", conversationsStarted],
  ["active contacts", activeContacts],
  ["replies by source", answerSources],
  ["unanswered questions", (db, p) => unansweredQuestions(db, { ...p, limit: 20 })],
  ["first response times", firstResponseTimes],
  ["AI usage", aiUsage],
  ["costliest conversations", (db, p) => topConversationsByCost(db, { ...p, limit: 10 })],
  ["delivery funnel", deliveryFunnel],
  ["hand-offs", handoffs],
  ["opt-outs", optOuts],
  ["busiest hours", busiestHours],
];

type PlanNode = {
  "Node Type"?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
};

function scans(node: PlanNode, found: Set<string>) {
  if (node["Index Name"]) found.add(node["Index Name"]);
  else if (node["Node Type"] === "Seq Scan") found.add(`seq scan ${node["Relation Name"]}`);
  for (const child of node.Plans ?? []) scans(child, found);
}

const dialect = new PgDialect();

/**
 * The indexes (and any sequential scans) the plans of one query function use: it runs against a
 * stand-in database that explains each query instead of running it, after applying its session
 * settings. The analytics queries reach the database only through `transaction` and `execute`.
 */
async function planScans(db: Db, run: (db: Db) => Promise<unknown>): Promise<string[]> {
  const found = new Set<string>();
  const explaining = (inner: Db): Db =>
    ({
      transaction: (fn: (tx: Db) => Promise<unknown>) =>
        inner.transaction((tx) => fn(explaining(tx))),
      execute: async (query: SQL) => {
        if (dialect.sqlToQuery(query).sql.trimStart().startsWith("select set_config"))
          return inner.execute(query);
        const rows = await queryRows<{ "QUERY PLAN": unknown }>(
          inner,
          sql`explain (format json) ${query}`,
        );
        const plan = rows[0]?.["QUERY PLAN"];
        const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
        for (const p of parsed) scans(p.Plan, found);
        return [];
      },
    }) as unknown as Db;
  await run(explaining(db));
  return [...found];
}

async function seed(handle: DatabaseHandle, size: AnalyticsDataset) {
  // Rebuilding the text index once after the load is far faster than growing it row by row.
  await handle.db.execute(sql`drop index messages_text_search_idx`);
  const ws = await seedAnalyticsDataset(handle, size);
  await handle.db.execute(
    sql`create index messages_text_search_idx on messages using gin (to_tsvector('simple', left(text, 65536)))`,
  );
  await handle.db.execute(sql`vacuum analyze`);
  const [count] = await queryRows<{ total: number; mine: number }>(
    handle.db,
    sql`select count(*)::int as total,
               count(*) filter (where workspace_id = ${ws.workspaceId})::int as mine
          from messages`,
  );
  return { ...ws, messages: count?.mine ?? 0, allMessages: count?.total ?? 0 };
}

/** Each analytics query over the last 30 and 90 days of a workspace with a year of messages. */
export async function analyticsBench(kind: DatabaseKind): Promise<Row[]> {
  const size = DATASETS[kind];
  const handle = await createTestDatabase(kind);
  try {
    const loadStart = performance.now();
    const ws = await seed(handle, size);
    const loadSeconds = ((performance.now() - loadStart) / 1000).toFixed(0);
    const rows: Row[] = [];
    for (const days of RANGES) {
      const to = new Date();
      const range: AnalyticsRange = {
        workspaceId: ws.workspaceId,
        from: new Date(to.getTime() - (days - 1) * DAY_MS),
        to,
        timeZone: ws.timeZone,
      };
      for (const [label, run] of QUERIES) {
        const used = await planScans(handle.db, (db) => run(db, range));
        const times = await timeRuns(size.runs, () => run(handle.db, range), 3);
        rows.push(result(kind, `analytics: ${label}, ${days} days`, times, used.join(" + ")));
      }
    }
    rows.push({
      benchmark: "analytics: dataset",
      engine: kind,
      n: 0,
      p50: "",
      p95: "",
      extra: `${ws.messages.toLocaleString("en")} messages in the workspace, ${ws.allMessages.toLocaleString("en")} in ${size.neighbours + 1} workspaces over ${size.days} days; load ${loadSeconds}s`,
    });
    return rows;
  } finally {
    await handle.close();
  }
}

function result(engine: string, benchmark: string, sorted: number[], notes: string): Row {
  const p95 = percentile(sorted, 95);
  return {
    benchmark,
    engine,
    n: sorted.length,
    p50: ms(percentile(sorted, 50)),
    p95: ms(p95),
    p99: ms(percentile(sorted, 99)),
    extra: `${notes}${p95 < GOAL_MS ? "" : ` (over the ${GOAL_MS} ms goal)`}`,
  };
}
