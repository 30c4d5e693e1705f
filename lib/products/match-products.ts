// Finding the product a customer asks about, without AI. Precision first: a product is named only
// when every significant word of its name (or its retailer id) is in the question, and when two
// products fit, one must contain the other's name (the longer is meant); otherwise nothing is
// answered, so the bot never states the wrong product's price.

export type MatchableProduct = { retailerId: string; name: string };

// Words that say nothing about which product is meant.
const STOP = new Set([
  "a",
  "an",
  "the",
  "of",
  "and",
  "or",
  "for",
  "with",
  "in",
  "on",
  "to",
  "by",
  "de",
  "la",
  "le",
  "el",
  "y",
  "et",
  "set",
  "pack",
  "size",
]);

/** Lower case, accents and punctuation removed, split into words. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// "mugs" asks about a "mug", "boxes" about a "box".
const stem = (w: string) =>
  w.length > 4 && w.endsWith("es")
    ? w.slice(0, -2)
    : w.length > 3 && w.endsWith("s")
      ? w.slice(0, -1)
      : w;

const significant = (name: string) => {
  const all = words(name);
  const kept = all.filter((w) => !STOP.has(w));
  return (kept.length > 0 ? kept : all).map(stem);
};

export type ProductMatch<P> = { product: P; matched: number };

/** Every product whose whole name (or retailer id) the question contains, best first. */
export function productsNamedIn<P extends MatchableProduct>(question: string, list: P[]): P[] {
  const asked = words(question);
  const stems = new Set(asked.map(stem));
  const raw = new Set(asked);
  const hits: { product: P; key: string[] }[] = [];
  for (const product of list) {
    const key = significant(product.name);
    const byName = key.length > 0 && key.every((w) => stems.has(w));
    const id = product.retailerId.toLowerCase();
    const byId = id.length >= 3 && (raw.has(id) || question.toLowerCase().includes(id));
    if (byName || byId) hits.push({ product, key: byName ? key : [id] });
  }
  return hits.sort((a, b) => b.key.length - a.key.length).map((h) => h.product);
}

/**
 * The one product the question names, or null when none or several could be meant. Of several,
 * the one whose name holds every other's words wins ("blue mug" over "mug").
 */
export function matchProduct<P extends MatchableProduct>(question: string, list: P[]): P | null {
  const hits = productsNamedIn(question, list);
  const [best, ...others] = hits;
  if (!best) return null;
  const bestKey = new Set(significant(best.name));
  const containsAll = others.every((o) => significant(o.name).every((w) => bestKey.has(w)));
  if (!containsAll) return null;
  // Two products with the same name (sizes, colours by id only) cannot be told apart.
  const sameName = others.some((o) => significant(o.name).length === bestKey.size);
  return sameName ? null : best;
}

export type ProductIntent = "price" | "availability" | "description" | "show" | null;

const INTENTS: [Exclude<ProductIntent, null>, RegExp][] = [
  [
    "show",
    /\b(show|send|see|view|browse)\b.*\b(products?|catalog(ue)?|items?|menu|range)\b|\b(catalog(ue)?|what (products|items) do you (have|sell))\b|\bdo you (have|sell|stock)\b/,
  ],
  ["price", /\b(price|prices|cost|costs|how much|bei|precio|prix|preço|rate)\b/],
  ["availability", /\b(in stock|available|availability|sold out|do you have|have any|left)\b/],
  ["description", /\b(what is|what's|tell me about|describe|details?|info|information|about)\b/],
];

/** What the customer wants to know about products, read from the question's words. */
export function productIntent(question: string): ProductIntent {
  const text = words(question).join(" ");
  for (const [intent, pattern] of INTENTS) if (pattern.test(text)) return intent;
  return null;
}

/** Whether the customer asks to be shown the products (a list, or one they name). */
export function wantsToSee(question: string): boolean {
  return INTENTS[0]?.[1].test(words(question).join(" ")) ?? false;
}
