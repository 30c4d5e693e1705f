import { describe, expect, it } from "vitest";
import { awayNote } from "./business-hours";
import { describeOpening } from "./describe-opening";
import { LANGUAGE_CODES } from "./languages";
import { DEFAULT_SYSTEM_MESSAGES } from "./system-messages";

const WEEKDAYS_9_TO_6 = Object.fromEntries(
  ["1", "2", "3", "4", "5"].map((d) => [d, ["09:00-18:00"]]),
);
// Saturday 5 December 2026, 14:00 in Nairobi; opens Monday 7 December at 9:00.
const saturday = new Date("2026-12-05T11:00:00Z");
const monday = new Date("2026-12-07T06:00:00Z");
// Sunday 6 December 2026, 20:30 in Nairobi: Monday is tomorrow.
const sunday = new Date("2026-12-06T17:30:00Z");
// Monday 7 December 2026, 07:00 in Nairobi: the opening is today.
const early = new Date("2026-12-07T04:00:00Z");

const EXPECTED = {
  en: ["today at 9:00", "tomorrow at 9:00", "Monday at 9:00"],
  es: ["hoy a las 9:00", "mañana a las 9:00", "el lunes a las 9:00"],
  pt: ["hoje às 9:00", "amanhã às 9:00", "segunda-feira às 9:00"],
  fr: ["aujourd’hui à 9:00", "demain à 9:00", "lundi à 9:00"],
  de: ["heute um 9:00 Uhr", "morgen um 9:00 Uhr", "am Montag um 9:00 Uhr"],
  it: ["oggi alle 9:00", "domani alle 9:00", "lunedì alle 9:00"],
  sw: ["leo saa 9:00", "kesho saa 9:00", "Jumatatu saa 9:00"],
  tr: ["bugün saat 9:00", "yarın saat 9:00", "Pazartesi saat 9:00"],
  id: ["hari ini pukul 9.00", "besok pukul 9.00", "hari Senin pukul 9.00"],
  hi: ["आज 9:00 बजे", "कल 9:00 बजे", "सोमवार को 9:00 बजे"],
  ar: ["اليوم الساعة 9:00", "غدًا الساعة 9:00", "يوم الاثنين الساعة 9:00"],
} as const;

describe("when a person is back, in the customer's language", () => {
  it("covers every language the bot's messages come in", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...LANGUAGE_CODES].sort());
  });

  for (const language of LANGUAGE_CODES) {
    it(`${language}: today, tomorrow and a weekday, in the workspace's time zone`, () => {
      const [today, tomorrow, weekday] = EXPECTED[language];
      const tz = "Africa/Nairobi";
      expect(describeOpening(monday, tz, early, language)).toBe(today);
      expect(describeOpening(monday, tz, sunday, language)).toBe(tomorrow);
      expect(describeOpening(monday, tz, saturday, language)).toBe(weekday);
      const note = awayNote(
        DEFAULT_SYSTEM_MESSAGES[language].away,
        DEFAULT_SYSTEM_MESSAGES[language].awayBack,
        WEEKDAYS_9_TO_6,
        tz,
        saturday,
        language,
      );
      const back = DEFAULT_SYSTEM_MESSAGES[language].awayBack.replace("{when}", weekday);
      expect(note.text).toBe(`${DEFAULT_SYSTEM_MESSAGES[language].away} ${back}`);
    });
  }

  it("reads the weekday and time in the workspace's zone, not the server's", () => {
    // 23:30 UTC on Sunday is already Monday 08:30 in Tokyo: the opening is today.
    const late = new Date("2026-12-06T23:30:00Z");
    const opening = new Date("2026-12-07T00:00:00Z"); // 9:00 in Tokyo
    expect(describeOpening(opening, "Asia/Tokyo", late, "es")).toBe("hoy a las 9:00");
    expect(describeOpening(opening, "Europe/Lisbon", late, "pt")).toBe("amanhã às 0:00");
  });

  it("keeps the minutes and the 24-hour clock", () => {
    const evening = new Date("2026-12-07T14:45:00Z"); // 17:45 in Nairobi
    expect(describeOpening(evening, "Africa/Nairobi", saturday, "fr")).toBe("lundi à 17:45");
  });
});
