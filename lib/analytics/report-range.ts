import { z } from "zod";

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

// A day that exists in the calendar (not 2026-02-31, which Date would roll into March), from the
// year 1000 on: Date.UTC reads years below 100 as 19xx, and PostgreSQL has no year 0.
const day = z
  .string()
  .regex(/^[1-9]\d{3}-\d{2}-\d{2}$/)
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  });

/** The analytics page's and export's query: whole local days, both included. */
export const analyticsRangeQuery = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

/** A day's date (YYYY-MM-DD) in a time zone, at an instant. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

const addDays = (d: string, n: number) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

/**
 * An instant inside the local day `d`: noon there, found by correcting noon UTC with the zone's
 * offset, so zones from −12 to +14 hours all land on the right day.
 */
export function instantInDay(d: string, timeZone: string): Date {
  const noonUtc = new Date(`${d}T12:00:00Z`);
  const wall = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(noonUtc);
  const part = (type: string) => Number(wall.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
  );
  return new Date(noonUtc.getTime() - (asUtc - noonUtc.getTime()));
}

export type ReportRange = {
  from: string;
  to: string;
  days: number;
  /** Why the asked range was changed, in words for the owner; null when it was used as given. */
  adjusted: string | null;
};

/**
 * The days to report: the asked ones when they make sense, else the last 30 days up to today in
 * the workspace's time zone. Reversed ranges are swapped and long ones cut to a year.
 */
export function resolveRange(
  query: z.infer<typeof analyticsRangeQuery>,
  timeZone: string,
  now = new Date(),
): ReportRange {
  const today = localDay(now, timeZone);
  let to = query.to ?? today;
  let from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  const notes: string[] = [];
  if (from > to) {
    [from, to] = [to, from];
    notes.push("The start was after the end, so the two were swapped.");
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (days > MAX_RANGE_DAYS) {
    from = addDays(to, -(MAX_RANGE_DAYS - 1));
    notes.push(`A report covers at most ${MAX_RANGE_DAYS} days, so it starts on ${from}.`);
  }
  return {
    from,
    to,
    days: Math.min(days, MAX_RANGE_DAYS),
    adjusted: notes.length > 0 ? notes.join(" ") : null,
  };
}

export const shiftDay = addDays;
