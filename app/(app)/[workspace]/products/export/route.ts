import { listProducts } from "@/db/queries/products";
import { withWorkspace } from "@/lib/auth/workspace";
import { productsToCsv } from "@/lib/products/csv-import";

/** The workspace's products as a CSV file that the importer reads back unchanged. */
export const GET = withWorkspace("bot.manage", async (_req, ctx) => {
  const list = await listProducts(ctx.db, { workspaceId: ctx.workspace.id });
  return new Response(productsToCsv(list), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${ctx.workspace.slug}-products.csv"`,
      "cache-control": "no-store",
    },
  });
});
