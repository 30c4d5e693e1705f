import type { BusinessHours } from "@/db/schema";
import type { OutsideHoursMode } from "@/lib/validations/bot-settings";
import { hasSchedule, isOpen, nextOpening } from "./business-hours";
import { describeOpening } from "./describe-opening";

/** What the bot does about business hours right now, as the inbox tells agents. */
export type HoursNow = {
  mode: OutsideHoursMode;
  /** Business hours are set and the business is closed now. */
  closed: boolean;
  /** When it opens next, as customers are told ("Monday at 9:00"); null when unknown. */
  back: string | null;
};

export function hoursNow(
  settings: {
    businessHours: BusinessHours | null;
    timezone: string;
    outsideHours: OutsideHoursMode;
  },
  now: Date,
): HoursNow {
  const { businessHours, timezone, outsideHours: mode } = settings;
  if (!hasSchedule(businessHours) || isOpen(businessHours, timezone, now)) {
    return { mode, closed: false, back: null };
  }
  const opening = nextOpening(businessHours, timezone, now);
  return { mode, closed: true, back: opening ? describeOpening(opening, timezone, now) : null };
}
