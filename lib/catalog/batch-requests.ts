import { priceDecimal } from "@/lib/products/money";

// One product as Meta's batch item API takes it (Commerce Platform product fields): the retailer
// id as `id`, the price as "<amount> <ISO currency>", availability in Meta's words.

export type BatchRequest =
  | { method: "UPDATE"; data: Record<string, string> }
  | { method: "DELETE"; data: { id: string } };

export type SyncableProduct = {
  retailerId: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  availability: "in_stock" | "out_of_stock";
  imageUrl: string | null;
  link: string | null;
};

/** Meta takes up to 5,000 requests a call and suggests staying under 3,000. */
export const BATCH_SIZE = 1000;

/**
 * UPDATE creates an item Meta lacks (`allow_upsert` is on by default) and replaces one it has.
 * Empty optional fields are left out, so Meta names what is missing rather than reading "".
 */
export function productRequest(p: SyncableProduct, brand: string): BatchRequest {
  const data: Record<string, string> = {
    id: p.retailerId,
    title: p.name,
    description: p.description || p.name,
    availability: p.availability === "in_stock" ? "in stock" : "out of stock",
    condition: "new",
    price: `${priceDecimal(p.priceMinor, p.currency)} ${p.currency}`,
    brand,
  };
  if (p.link) data.link = p.link;
  if (p.imageUrl) data.image_link = p.imageUrl;
  return { method: "UPDATE", data };
}

export function deleteRequest(retailerId: string): BatchRequest {
  return { method: "DELETE", data: { id: retailerId } };
}

/** The products in batches of at most `size` requests, in order. */
export function batchRequests(
  list: SyncableProduct[],
  brand: string,
  size = BATCH_SIZE,
): { retailerIds: string[]; requests: BatchRequest[] }[] {
  const batches: { retailerIds: string[]; requests: BatchRequest[] }[] = [];
  for (let i = 0; i < list.length; i += size) {
    const slice = list.slice(i, i + size);
    batches.push({
      retailerIds: slice.map((p) => p.retailerId),
      requests: slice.map((p) => productRequest(p, brand)),
    });
  }
  return batches;
}
