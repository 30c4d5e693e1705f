import { z } from "zod";
import type { BusinessHours } from "@/db/schema";

// The form edits a week as ranges of opening and closing times per ISO weekday; the database keeps
// the "HH:MM-HH:MM" strings lib/bot/business-hours.ts reads.

export const WEEKDAYS = [
  { day: "1", label: "Monday" },
  { day: "2", label: "Tuesday" },
  { day: "3", label: "Wednesday" },
  { day: "4", label: "Thursday" },
  { day: "5", label: "Friday" },
  { day: "6", label: "Saturday" },
  { day: "7", label: "Sunday" },
] as const;

export type Weekday = (typeof WEEKDAYS)[number]["day"];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSING = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DAY_END = 24 * 60;

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** A closing time in minutes; 00:00 closes at midnight, as time pickers cannot show 24:00. */
export const closingMinutes = (t: string) => (t === "00:00" ? DAY_END : minutes(t));

const opening = z.string().trim().regex(TIME, "Enter the opening time as HH:MM, e.g. 09:00.");
const closing = z.string().trim().regex(CLOSING, "Enter the closing time as HH:MM, e.g. 17:30.");

const range = z.object({ from: opening, to: closing }).refine(
  // Checked only once both times read well; a missing time has its own message.
  (r) => !TIME.test(r.from) || !CLOSING.test(r.to) || closingMinutes(r.to) > minutes(r.from),
  {
    message:
      "Closing time must be after opening time. For hours past midnight, add the rest on the next day.",
    path: ["to"],
  },
);

export type OpeningRange = z.infer<typeof range>;

const day = z
  .array(range)
  .max(6, "Use at most 6 opening ranges a day.")
  .superRefine((ranges, ctx) => {
    ranges.forEach((r, i) => {
      const other = ranges.find(
        (o, j) =>
          j !== i &&
          minutes(r.from) < closingMinutes(o.to) &&
          minutes(o.from) < closingMinutes(r.to),
      );
      if (other) {
        ctx.addIssue({
          code: "custom",
          path: [i, "from"],
          message: `Overlaps ${other.from}–${other.to}. Merge the two, or change one of them.`,
        });
      }
    });
  });

export const weeklyHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((w) => [w.day, day])) as Record<Weekday, typeof day>,
);

export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** The stored shape: days without ranges left out, ranges in order; null when always open. */
export function toStoredHours(week: WeeklyHours): BusinessHours | null {
  const stored: BusinessHours = {};
  for (const { day } of WEEKDAYS) {
    const ranges = [...week[day]]
      .sort((a, b) => minutes(a.from) - minutes(b.from))
      .map((r) => `${r.from}-${r.to === "00:00" ? "24:00" : r.to}`);
    if (ranges.length > 0) stored[day] = ranges;
  }
  return Object.keys(stored).length > 0 ? stored : null;
}

/**
 * The form's week from the stored schedule. A stored range that does not parse is kept as typed,
 * so the form shows it as an error instead of dropping it unseen.
 */
export function fromStoredHours(stored: BusinessHours | null): WeeklyHours {
  return Object.fromEntries(
    WEEKDAYS.map(({ day }) => [
      day,
      (stored?.[day] ?? []).map((text) => {
        const [from = "", to = ""] = text.split("-").map((t) => t.trim());
        return { from, to: to === "24:00" ? "00:00" : to };
      }),
    ]),
  ) as WeeklyHours;
}

/** Whether a time zone name is one this server knows (IANA names such as Africa/Nairobi). */
export function isTimeZone(name: string): boolean {
  // Intl also accepts offsets such as +03:00; a schedule is kept in a named zone, with its DST.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

export const timezoneSchema = z
  .string()
  .trim()
  .min(1, "Choose your time zone.")
  .refine(isTimeZone, "Choose a time zone from the list, e.g. Africa/Nairobi.");
