import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export type PhoneResult = { ok: true; e164: string; waId: string } | { ok: false; message: string };

/**
 * A phone number as a person or a spreadsheet writes it ("+254 700 123456", "00254700123456",
 * "(650) 555-1234" with a default country code) in E.164, and as WhatsApp's `wa_id` (the same
 * digits without the +). Without a + or 00 the number is read in the country of
 * `defaultCallingCode` (the business's own number), as WhatsApp itself does.
 */
export function normalizePhone(input: string, defaultCallingCode?: string | null): PhoneResult {
  const text = input.trim();
  if (text === "") return { ok: false, message: "phone is missing" };
  if (/[a-z]/i.test(text.replace(/\s*(ext\.?|x)\s*\d+$/i, ""))) {
    return { ok: false, message: `phone “${text}” has letters in it` };
  }
  const international = text.replace(/^00/, "+");
  const hasCountry = international.startsWith("+");
  if (!hasCountry && !defaultCallingCode && !/^\d{8,15}$/.test(international)) {
    return {
      ok: false,
      message: `phone “${text}” has no country code; write it as +<country code> <number>`,
    };
  }
  // A spreadsheet turns "+254700123456" into the number 254700123456: digits that are no number of
  // the default country are read once more as an international number.
  const parsed = hasCountry
    ? parsePhoneNumberFromString(international)
    : [
        defaultCallingCode
          ? parsePhoneNumberFromString(international, { defaultCallingCode })
          : undefined,
        /^\d{8,15}$/.test(international)
          ? parsePhoneNumberFromString(`+${international}`)
          : undefined,
      ].find((p) => p?.isValid());
  if (!parsed?.isValid()) {
    const message = hasCountry
      ? `phone “${text}” is not a valid number`
      : defaultCallingCode
        ? `phone “${text}” is not a valid number for country code +${defaultCallingCode}; write other countries' numbers with + and their code`
        : `phone “${text}” has no country code; write it as +<country code> <number>`;
    return { ok: false, message };
  }
  return { ok: true, e164: parsed.number, waId: parsed.number.slice(1) };
}

/** The country calling code of a number written with its country code, e.g. "254"; else null. */
export function callingCodeOf(displayNumber: string | null | undefined): string | null {
  if (!displayNumber) return null;
  const digits = displayNumber.replace(/[^\d+]/g, "");
  const parsed = parsePhoneNumberFromString(digits.startsWith("+") ? digits : `+${digits}`);
  return parsed?.countryCallingCode ?? null;
}

/** How a stored `wa_id` is shown: E.164 with its +. */
export const phoneOf = (waId: string | null) => (waId ? `+${waId}` : null);
