// WhatsApp's product messages (Cloud API interactive `product` and `product_list`): a single
// product, or up to 30 products in up to 10 sections, from the catalog connected to the WABA.

export const PRODUCT_LIST_MAX = 30;
export const SECTIONS_MAX = 10;

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

export function singleProductMessage(p: { catalogId: string; retailerId: string; body: string }) {
  return {
    type: "product",
    body: { text: cut(p.body, 1024) },
    action: { catalog_id: p.catalogId, product_retailer_id: p.retailerId },
  };
}

export function productListMessage(p: {
  catalogId: string;
  header: string;
  body: string;
  retailerIds: string[];
  sectionTitle?: string;
}) {
  const ids = p.retailerIds.slice(0, PRODUCT_LIST_MAX);
  return {
    type: "product_list",
    header: { type: "text", text: cut(p.header, 60) },
    body: { text: cut(p.body, 1024) },
    action: {
      catalog_id: p.catalogId,
      sections: [
        {
          title: cut(p.sectionTitle ?? "Our products", 24),
          product_items: ids.map((id) => ({ product_retailer_id: id })),
        },
      ],
    },
  };
}
