import { isGraphError } from "@/lib/whatsapp/graph-errors";

// Meta's catalog errors in words a business owner can act on. Meta's own message is kept after
// the explanation when it adds something, so support can still search for it.

const FIELD_WORDS: [RegExp, string][] = [
  [
    /image_link|image/i,
    "Meta needs a picture of this product: add an image URL (https://…) and sync again.",
  ],
  [
    /\blink\b|url/i,
    "Meta needs a link to this product's page on your website: add one and sync again.",
  ],
  [/price|currency/i, "Meta could not read the price: check the amount and the currency code."],
  [/title|name/i, "Meta needs a product name of at most 150 characters."],
  [/description/i, "Meta needs a description of this product: add one and sync again."],
  [/availability/i, "Meta could not read the availability: use in stock or out of stock."],
  [/brand/i, "Meta needs a brand for this product: check your workspace's name."],
];

/** One product's error from a batch, in plain words. */
export function productErrorWords(metaMessage: string): string {
  for (const [pattern, words] of FIELD_WORDS) {
    if (pattern.test(metaMessage)) return `${words} (Meta: ${metaMessage})`;
  }
  return `Meta refused this product: ${metaMessage}`;
}

/** A whole catalog call that failed (listing, creating, connecting, syncing), in plain words. */
export function catalogErrorWords(error: unknown): string {
  if (!isGraphError(error)) return "Parley could not reach Meta. Try again in a few minutes.";
  const code = error.code;
  if (code === 190) {
    return "Meta no longer accepts this number's connection. Re-authorize the number on the WhatsApp page, then try again.";
  }
  if (code === 10 || code === 200 || (code > 200 && code < 300)) {
    return "Meta did not allow Parley to manage this business's catalogs. Reconnect the number and grant the catalog permission (catalog_management), then try again.";
  }
  if (code === 100 && /does not exist|Unsupported/i.test(error.message)) {
    return "Meta does not know this catalog or business, or Parley may not use it. Choose another catalog or create a new one.";
  }
  if (code === 100) {
    return `Meta refused the request: ${error.details ?? error.message}`;
  }
  if (error.retryable) return "Meta is busy or unavailable right now. Try again in a few minutes.";
  return `Meta refused the request (code ${code}): ${error.details ?? error.message}`;
}
