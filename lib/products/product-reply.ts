import type { Db } from "@/db";
import { getCatalogConnection } from "@/db/queries/catalog";
import { listProductFacts } from "@/db/queries/products";
import { matchProduct, productIntent, productsNamedIn, wantsToSee, words } from "./match-products";
import { formatPrice } from "./money";
import { PRODUCT_LIST_MAX, productListMessage, singleProductMessage } from "./product-message";

type Fact = Awaited<ReturnType<typeof listProductFacts>>[number];

export type ProductReply = {
  /** A product message to send, with the text the inbox shows for it. */
  message: { interactive: Record<string, unknown>; text: string } | null;
  /** A short factual answer built from one product's fields (used without AI). */
  answer: string | null;
  /** The relevant products as lines of facts, for the AI's prompt. */
  facts: string[];
};

const price = (p: Fact) => formatPrice(p.priceMinor, p.currency);
const inStock = (p: Fact) => p.availability === "in_stock";

export function factLine(p: Fact): string {
  const stock = inStock(p) ? "in stock" : "out of stock";
  return `${p.name} (id ${p.retailerId}): ${price(p)}, ${stock}.${p.description ? ` ${p.description}` : ""}`;
}

/** The answer for one named product, shaped by what was asked; null when nothing was asked. */
export function factualAnswer(p: Fact, question: string): string | null {
  const intent = productIntent(question);
  if (intent === "price") {
    return inStock(p)
      ? `${p.name} costs ${price(p)}.`
      : `${p.name} costs ${price(p)}, but it is out of stock right now.`;
  }
  if (intent === "availability" || intent === "show") {
    return inStock(p)
      ? `Yes, ${p.name} is in stock (${price(p)}).`
      : `Sorry, ${p.name} is out of stock right now.`;
  }
  if (intent === "description" || question.trim().endsWith("?")) {
    const stock = inStock(p) ? "in stock" : "out of stock right now";
    return `${p.name}: ${p.description ? `${p.description} ` : ""}${price(p)}, ${stock}.`;
  }
  return null;
}

const LIST_WORDS = /\b(products?|catalog(ue)?|items?|range|shop|store)\b/;
const FACTS_MAX = 12;

/** The products most related to the question, for the AI: named ones, else shared words. */
function relevant(question: string, list: Fact[]): Fact[] {
  if (list.length <= FACTS_MAX) return list;
  const named = productsNamedIn(question, list);
  if (named.length > 0) return named.slice(0, FACTS_MAX);
  const asked = new Set(words(question).filter((w) => w.length > 2));
  return list
    .map((p) => ({ p, n: words(p.name).filter((w) => asked.has(w)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, FACTS_MAX)
    .map((x) => x.p);
}

/**
 * What the workspace's products say about a question: a product message when the customer asks
 * to see products and a catalog is connected, a factual answer when the question names one
 * product, and the relevant products as facts for the AI. Null when the workspace has none.
 */
export async function productReply(
  db: Db,
  p: { workspaceId: string; businessName: string; question: string },
): Promise<ProductReply | null> {
  const list = await listProductFacts(db, p.workspaceId);
  if (list.length === 0) return null;
  const named = matchProduct(p.question, list);
  const facts = relevant(p.question, list).map(factLine);
  const answer = named ? factualAnswer(named, p.question) : null;
  let message: ProductReply["message"] = null;
  if (wantsToSee(p.question)) {
    const connection = await getCatalogConnection(db, p.workspaceId);
    const inCatalog = list.filter((x) => x.syncStatus === "synced");
    if (connection && named && named.syncStatus === "synced") {
      const text = answer ?? `Here is ${named.name}.`;
      message = {
        interactive: singleProductMessage({
          catalogId: connection.catalogId,
          retailerId: named.retailerId,
          body: text,
        }),
        text,
      };
    } else if (
      connection &&
      !named &&
      inCatalog.length > 0 &&
      LIST_WORDS.test(words(p.question).join(" "))
    ) {
      const shown = [...inCatalog.filter(inStock), ...inCatalog.filter((x) => !inStock(x))].slice(
        0,
        PRODUCT_LIST_MAX,
      );
      const text =
        "Here are our products. Open one to see it, add what you like to your cart and send us your order.";
      message = {
        interactive: productListMessage({
          catalogId: connection.catalogId,
          header: p.businessName,
          body: text,
          retailerIds: shown.map((x) => x.retailerId),
        }),
        text,
      };
    }
  }
  return { message, answer, facts };
}
