// Prices are integers in the currency's minor unit. ISO 4217 gives each currency its number of
// decimals: most have two, these have none or three.
const NO_DECIMALS = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);
const THREE_DECIMALS = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

export const CURRENCY = /^[A-Z]{3}$/;

export function decimalsOf(currency: string): number {
  if (NO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  return 2;
}

/**
 * "1,250.50" or "12.5" in the currency's major unit → minor units, or a reason it cannot be read.
 * Thousands separators (commas, spaces) are allowed; more decimals than the currency has are not.
 */
export function parsePrice(
  input: string | number,
  currency: string,
): { ok: true; minor: number } | { ok: false; message: string } {
  const text = String(input)
    .trim()
    .replace(/[\s,](?=\d{3}(\D|$))/g, "");
  const decimals = decimalsOf(currency);
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(text);
  if (!match) {
    return { ok: false, message: `price "${String(input)}" is not a number such as 1250.50` };
  }
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    return {
      ok: false,
      message:
        decimals === 0
          ? `price "${String(input)}" has decimals, but ${currency} has none`
          : `price "${String(input)}" has more than ${decimals} decimals for ${currency}`,
    };
  }
  const minor = Number(match[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, "0") || 0);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: "price is too large" };
  return { ok: true, minor };
}

/** Minor units as a plain decimal, e.g. 125050 KES → "1250.50" (what CSV and the API write). */
export function priceDecimal(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  if (decimals === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** decimals);
  const rest = String(minor % 10 ** decimals).padStart(decimals, "0");
  return `${whole}.${rest}`;
}

/** For people: "KES 1,250.50". */
export function formatPrice(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  const amount = (minor / 10 ** decimals).toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${currency} ${amount}`;
}
