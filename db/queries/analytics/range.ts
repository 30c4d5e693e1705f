import { type SQL, sql } from "drizzle-orm";

/**
 * The days a figure covers: whole days of the workspace's time zone, from the one holding `from`
 * to the one holding `to`, both included.
 */
export type AnalyticsRange = {
  workspaceId: string;
  from: Date;
  to: Date;
  /** An IANA zone name, as in `bot_settings.timezone`. */
  timeZone: string;
};

const zone = (p: AnalyticsRange) => sql`${p.timeZone}::text`;
const firstDay = (p: AnalyticsRange) =>
  sql`(${p.from.toISOString()}::timestamptz at time zone ${zone(p)})::date`;
const lastDay = (p: AnalyticsRange) =>
  sql`(${p.to.toISOString()}::timestamptz at time zone ${zone(p)})::date`;

// Bounds are expressions of the parameters that PostgreSQL folds into constants when it plans
// the query, so each scan is a range of a (workspace_id, created_at) index. Local midnight comes
// from PostgreSQL's zone rules: days around a daylight-saving change last 23 or 25 hours.

/** The instant the range's first day begins. */
export const rangeStart = (p: AnalyticsRange) =>
  sql`(${firstDay(p)}::timestamp at time zone ${zone(p)})`;

/** The instant the range's last day ends. */
export const rangeEnd = (p: AnalyticsRange) =>
  sql`((${lastDay(p)} + 1)::timestamp at time zone ${zone(p)})`;

/** The column's instant falls within the range. */
export const inRange = (column: SQL, p: AnalyticsRange) =>
  sql`${column} >= ${rangeStart(p)} and ${column} < ${rangeEnd(p)}`;

/**
 * Every day of the range, empty ones included, as rows of `day` (a date) and the instants it
 * starts and ends at. Counting each day through its own index range is cheaper than converting
 * every row's time to the zone and grouping. An integer series lets the planner know the count.
 */
export const rangeDays = (p: AnalyticsRange) =>
  sql`select day, day::timestamp at time zone ${zone(p)} as starts_at,
             (day + 1)::timestamp at time zone ${zone(p)} as ends_at
        from (select ${firstDay(p)} + i as day
                from generate_series(0, ${lastDay(p)} - ${firstDay(p)}) i) days`;

/**
 * Every hour of the range as rows of the instant it starts at, counted from the first local
 * midnight, so they are the local clock's hours wherever clocks shift by whole hours (everywhere
 * but Lord Howe Island).
 */
export const rangeHours = (p: AnalyticsRange) =>
  sql`select starts_at, extract(isodow from starts_at at time zone ${zone(p)})::int - 1 as weekday,
             extract(hour from starts_at at time zone ${zone(p)})::int as hour
        from generate_series(${rangeStart(p)}, ${rangeEnd(p)} - interval '1 hour',
                             interval '1 hour') starts_at`;

/** A date as the `YYYY-MM-DD` text both drivers return alike. */
export const dayText = (column: SQL) => sql`to_char(${column}, 'YYYY-MM-DD')`;

/** Counts and sums come back as numbers, strings (bigint, numeric) or null; figures are numbers. */
export const num = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);

/** A measure that can be missing (a median, a rate) stays null when there was nothing to measure. */
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
