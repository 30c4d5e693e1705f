import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * The country Meta prices a message to: the recipient's phone number's country (ISO 3166 code).
 * A number that fits no country's plan precisely still has a calling code, whose main country
 * decides (+1 is the United States, +44 the United Kingdom). Null without a phone number (a
 * customer known by user id only) or for a calling code no country has.
 */
export function recipientCountry(phone: string | null | undefined): string | null {
  // A business-scoped user id ("US.1349…") is no phone number, whatever digits it holds.
  if (!phone || !/^\+?[\d\s()-]+$/.test(phone)) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed) return null;
  return parsed.country ?? parsed.getPossibleCountries()[0] ?? null;
}
