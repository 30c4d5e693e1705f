import { TZDate } from "@date-fns/tz";
import type { BusinessHours } from "@/db/schema";

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

function local(at: Date, timezone: string) {
  const d = new TZDate(at, timezone);
  if (Number.isNaN(d.getHours())) throw new RangeError(`Unknown time zone: ${timezone}`);
  return d;
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

const dayNumber = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;

/**
 * When `opening` is, as a customer reads it in the business's time zone: "today at 9:00",
 * "tomorrow at 9:00" or "Monday at 9:00".
 */
export function describeOpening(opening: Date, timezone: string, now: Date): string {
  const then = local(opening, timezone);
  const days = dayNumber(then) - dayNumber(local(now, timezone));
  const day =
    days === 0
      ? "today"
      : days === 1
        ? "tomorrow"
        : new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: timezone }).format(opening);
  return `${day} at ${then.getHours()}:${String(then.getMinutes()).padStart(2, "0")}`;
}

/** The away note: the owner's text (or the standard one) and when a person will be back. */
export function awayNote(
  message: string,
  hours: BusinessHours | null,
  timezone: string,
  now: Date,
): { text: string; opening: Date | null } {
  const opening = nextOpening(hours, timezone, now);
  const back = opening ? ` A person will be back ${describeOpening(opening, timezone, now)}.` : "";
  return { text: `${message.trim()}${back}`, opening };
}
