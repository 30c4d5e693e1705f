import { z } from "zod";
import { productNames } from "@/db/queries/products";
import { withWorkspace } from "@/lib/auth/workspace";

const query = z.object({
  ids: z
    .string()
    .max(4000)
    .transform((v) => [...new Set(v.split(",").filter(Boolean))].slice(0, 100)),
});

/** GET ?ids=A,B – the names of the workspace's products, so the inbox can name an order's items. */
export const GET = withWorkspace("conversations.work", async (req, ctx) => {
  const { ids } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const names = await productNames(ctx.db, { workspaceId: ctx.workspace.id, retailerIds: ids });
  return Response.json({ names }, { headers: { "cache-control": "no-store" } });
});
