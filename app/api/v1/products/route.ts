import { existingRetailerIds, listProductsPage, upsertProducts } from "@/db/queries/products";
import { decodeCursor, encodeCursor, pageQuerySchema } from "@/lib/api/cursor";
import { readJsonBody } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { productResource, readProductList } from "@/lib/products/api-products";

// GET /api/v1/products – the workspace's products, oldest first
export const GET = withApiKey(async ({ db, workspaceId, searchParams }) => {
  const query = pageQuerySchema.parse(Object.fromEntries(searchParams));
  const { rows, next } = await listProductsPage(db, {
    workspaceId,
    after: decodeCursor(query.cursor, "uuid"),
    limit: query.limit,
  });
  return Response.json({ data: rows.map(productResource), nextCursor: encodeCursor(next) });
});

// POST /api/v1/products – a JSON list of products, created or updated by retailer id; all or
// nothing, with every item's problems named by its index
export const POST = withApiKey(
  async ({ req, db, workspaceId }) => {
    const read = readProductList(await readJsonBody(req, 5_000_000));
    if (!read.ok) {
      return Response.json(
        { error: { code: "bad_request", message: read.message, problems: read.problems } },
        { status: 400 },
      );
    }
    const summary = await upsertProducts(db, { workspaceId, products: read.products });
    const saved = await existingRetailerIds(db, {
      workspaceId,
      retailerIds: read.products.map((p) => p.retailerId),
    });
    const data = read.products.flatMap((p) => {
      const row = saved.get(p.retailerId);
      return row ? [productResource(row)] : [];
    });
    return Response.json({ data, ...summary });
  },
  { scope: "write" },
);
