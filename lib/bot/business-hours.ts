import { TZDate } from "@date-fns/tz";
import type { BusinessHours } from "@/db/schema";
import { describeOpening, local } from "./describe-opening";
import type { Language } from "./languages";

type Range = { from: number; to: number };

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

function ranges(hours: BusinessHours, isoWeekday: number): Range[] {
  return (hours[String(isoWeekday)] ?? []).flatMap((r) => {
    const m = RANGE.exec(r.trim());
    if (!m) return [];
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    return to > from ? [{ from, to }] : [];
  });
}

/** Whether a weekly schedule has any opening at all; no schedule means always open. */
export function hasSchedule(hours: BusinessHours | null): hours is BusinessHours {
  return hours !== null && Object.values(hours).some((day) => day.length > 0);
}

const isoWeekday = (d: Date) => ((d.getDay() + 6) % 7) + 1;

/** Whether the business is open at `at`, in its own time zone. */
export function isOpen(hours: BusinessHours | null, timezone: string, at: Date): boolean {
  if (!hasSchedule(hours)) return true;
  const d = local(at, timezone);
  const minute = d.getHours() * 60 + d.getMinutes();
  return ranges(hours, isoWeekday(d)).some((r) => minute >= r.from && minute < r.to);
}

/** The next time the business opens after `at`, or null if the schedule never opens. */
export function nextOpening(hours: BusinessHours | null, timezone: string, at: Date): Date | null {
  if (!hasSchedule(hours)) return null;
  const today = local(at, timezone);
  const minute = today.getHours() * 60 + today.getMinutes();
  for (let offset = 0; offset <= 7; offset++) {
    const day = new TZDate(
      today.getFullYear(),
      today.getMonth(),
      today.getDate() + offset,
      0,
      0,
      timezone,
    );
    const starts = ranges(hours, isoWeekday(day))
      .map((r) => r.from)
      .filter((from) => offset > 0 || from > minute)
      .sort((a, b) => a - b);
    const first = starts[0];
    if (first !== undefined) {
      const opening = new TZDate(
        day.getFullYear(),
        day.getMonth(),
        day.getDate(),
        Math.floor(first / 60),
        first % 60,
        timezone,
      );
      return new Date(opening.getTime());
    }
  }
  return null;
}

/**
 * The away note: the owner's text (or the standard one) and, in the same language, when a person
 * will be back. `backTemplate` carries `{when}` where the day and time go.
 */
export function awayNote(
  message: string,
  backTemplate: string,
  hours: BusinessHours | null,
  timezone: string,
  now: Date,
  language: Language = "en",
): { text: string; opening: Date | null } {
  const opening = nextOpening(hours, timezone, now);
  const back = opening
    ? backTemplate.trim().replace("{when}", describeOpening(opening, timezone, now, language))
    : "";
  return { text: [message.trim(), back].filter(Boolean).join(" "), opening };
}
