import type { Db } from "@/db";
import { getSandboxItems } from "@/db/queries/sandbox-catalog";
import { productMessageIds } from "@/lib/products/read-order";

export type ShownProduct = {
  retailerId: string;
  title: string;
  description: string;
  price: string;
  availability: string;
  imageLink: string | null;
};

const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The catalog items the thread's product messages show, by catalog id and retailer id: what a
 * customer's WhatsApp loads from Meta's catalog to draw the message.
 */
export async function catalogItemsShown(
  db: Db,
  messages: { type: string; body: Record<string, unknown> }[],
): Promise<Record<string, Record<string, ShownProduct>>> {
  const wanted = new Map<string, Set<string>>();
  for (const m of messages) {
    if (m.type !== "interactive") continue;
    const ids = productMessageIds(m.body);
    const interactive = m.body.interactive as { action?: { catalog_id?: unknown } } | undefined;
    const catalogId = str(interactive?.action?.catalog_id);
    if (!ids || !catalogId) continue;
    const set = wanted.get(catalogId) ?? new Set<string>();
    for (const id of ids) set.add(id);
    wanted.set(catalogId, set);
  }
  const shown: Record<string, Record<string, ShownProduct>> = {};
  for (const [catalogId, ids] of wanted) {
    const items = await getSandboxItems(db, { catalogId, retailerIds: [...ids] });
    shown[catalogId] = Object.fromEntries(
      items.map((i) => [
        i.retailerId,
        {
          retailerId: i.retailerId,
          title: str(i.data.title) || i.retailerId,
          description: str(i.data.description),
          price: str(i.data.price),
          availability: str(i.data.availability),
          imageLink: str(i.data.image_link) || null,
        },
      ]),
    );
  }
  return shown;
}
