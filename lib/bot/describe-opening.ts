import { TZDate } from "@date-fns/tz";
import type { Language } from "./languages";

type When = { today: string; tomorrow: string; weekday: string };

/**
 * How each language says when the business opens: `{time}` and `{weekday}` are filled in by
 * Intl in that language and the workspace's time zone.
 */
const WHEN: Record<Language, When> = {
  en: { today: "today at {time}", tomorrow: "tomorrow at {time}", weekday: "{weekday} at {time}" },
  es: {
    today: "hoy a las {time}",
    tomorrow: "mañana a las {time}",
    weekday: "el {weekday} a las {time}",
  },
  pt: { today: "hoje às {time}", tomorrow: "amanhã às {time}", weekday: "{weekday} às {time}" },
  fr: {
    today: "aujourd’hui à {time}",
    tomorrow: "demain à {time}",
    weekday: "{weekday} à {time}",
  },
  de: {
    today: "heute um {time} Uhr",
    tomorrow: "morgen um {time} Uhr",
    weekday: "am {weekday} um {time} Uhr",
  },
  it: {
    today: "oggi alle {time}",
    tomorrow: "domani alle {time}",
    weekday: "{weekday} alle {time}",
  },
  sw: { today: "leo saa {time}", tomorrow: "kesho saa {time}", weekday: "{weekday} saa {time}" },
  tr: {
    today: "bugün saat {time}",
    tomorrow: "yarın saat {time}",
    weekday: "{weekday} saat {time}",
  },
  id: {
    today: "hari ini pukul {time}",
    tomorrow: "besok pukul {time}",
    weekday: "hari {weekday} pukul {time}",
  },
  hi: { today: "आज {time} बजे", tomorrow: "कल {time} बजे", weekday: "{weekday} को {time} बजे" },
  ar: {
    today: "اليوم الساعة {time}",
    tomorrow: "غدًا الساعة {time}",
    weekday: "يوم {weekday} الساعة {time}",
  },
};

/** `at` as the wall clock of `timezone` reads it. */
export function local(at: Date, timezone: string) {
  const d = new TZDate(at, timezone);
  if (Number.isNaN(d.getHours())) throw new RangeError(`Unknown time zone: ${timezone}`);
  return d;
}

const dayNumber = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;

/** The 24-hour clock time in the language's own style ("9:00", "9.00"), hours unpadded. */
function clock(at: Date, timezone: string, language: Language): string {
  const parts = new Intl.DateTimeFormat(language, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: timezone,
  }).formatToParts(at);
  return parts.map((p) => (p.type === "hour" ? String(Number(p.value)) : p.value)).join("");
}

/**
 * When `opening` is, as a customer reads it in their language and the business's time zone:
 * "tomorrow at 9:00", "mañana a las 9:00", "am Montag um 9:00 Uhr".
 */
export function describeOpening(
  opening: Date,
  timezone: string,
  now: Date,
  language: Language = "en",
): string {
  const days = dayNumber(local(opening, timezone)) - dayNumber(local(now, timezone));
  const words = WHEN[language];
  const template = days === 0 ? words.today : days === 1 ? words.tomorrow : words.weekday;
  const weekday = new Intl.DateTimeFormat(language, { weekday: "long", timeZone: timezone }).format(
    opening,
  );
  return template
    .replace("{weekday}", weekday)
    .replace("{time}", clock(opening, timezone, language));
}
