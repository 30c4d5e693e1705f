import { TZDate } from "@date-fns/tz";

export type SnoozePreset = "hour" | "tomorrow" | "next_week";

export const SNOOZE_PRESETS: Record<SnoozePreset, string> = {
  hour: "For 1 hour",
  tomorrow: "Until tomorrow, 9:00",
  next_week: "Until next Monday, 9:00",
};

/** Nine in the morning, `days` after `now`'s date in the workspace's time zone. */
function nineAfter(now: Date, timezone: string, days: number): Date {
  const local = new TZDate(now, timezone);
  return new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + days,
    9,
    0,
    0,
    timezone,
  );
}

/** When a preset snooze ends, with the day and hours of the workspace's time zone. */
export function snoozeUntil(preset: SnoozePreset, now: Date, timezone: string): Date {
  switch (preset) {
    case "hour":
      return new Date(now.getTime() + 60 * 60 * 1000);
    case "tomorrow":
      return new Date(nineAfter(now, timezone, 1).getTime());
    case "next_week": {
      const day = new TZDate(now, timezone).getDay();
      // Monday of next week: from Monday, 7 days; from Sunday, 1.
      return new Date(nineAfter(now, timezone, (8 - day) % 7 || 7).getTime());
    }
  }
}

/** A `datetime-local` value ("2026-12-08T14:30") read in the workspace's time zone; null if invalid. */
export function fromLocalInput(value: string, timezone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const at = new TZDate(y, mo - 1, d, h, mi, 0, timezone);
  return Number.isNaN(at.getTime()) ? null : new Date(at.getTime());
}

/** How the time reads to the team: in the workspace's time zone. */
export function describeSnooze(until: Date, timezone: string): string {
  return until.toLocaleString("en-GB", {
    timeZone: timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}
