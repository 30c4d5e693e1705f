import { z } from "zod";
import type { GraphClient } from "@/lib/whatsapp/graph-client";
import { pathSegment } from "@/lib/whatsapp/graph-client";
import type { BatchRequest } from "./batch-requests";

// Meta's catalog calls (Commerce Platform): a business's catalogs, connecting one to a WABA, and
// the batch item API. Responses are read loosely: fields Meta adds do not break them.

const catalogList = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })),
  paging: z
    .looseObject({
      cursors: z.looseObject({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});
const created = z.looseObject({ id: z.string() });
const success = z.looseObject({ success: z.boolean() });
const wabaOwner = z.looseObject({
  owner_business_info: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
});
const batchPosted = z.looseObject({
  handles: z.array(z.string()),
  validation_status: z
    .array(
      z.looseObject({
        retailer_id: z.string().optional(),
        errors: z.array(z.looseObject({ message: z.string() })).optional(),
      }),
    )
    .optional(),
});
export const batchStatusSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      handle: z.string().optional(),
      status: z.string(),
      errors_total_count: z.number().optional(),
      errors: z
        .array(
          z.looseObject({
            line: z.number().optional(),
            id: z.string().optional(),
            message: z.string(),
          }),
        )
        .optional(),
      warnings: z
        .array(z.looseObject({ id: z.string().optional(), message: z.string() }))
        .optional(),
    }),
  ),
});
export type BatchStatus = z.infer<typeof batchStatusSchema>["data"][number];

export type OwnedCatalog = { id: string; name: string };

const MAX_PAGES = 10;

export function catalogCalls(graph: GraphClient) {
  return {
    /** The business portfolio owning a WABA (for a number connected without Embedded Signup). */
    async wabaOwner(wabaId: string, token: string): Promise<string | null> {
      const res = await graph.request({
        method: "GET",
        path: pathSegment(wabaId),
        token,
        schema: wabaOwner,
        query: { fields: "owner_business_info" },
      });
      return res.owner_business_info?.id ?? null;
    },
    async listOwnedCatalogs(businessId: string, token: string): Promise<OwnedCatalog[]> {
      const found: OwnedCatalog[] = [];
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await graph.request({
          method: "GET",
          path: `${pathSegment(businessId)}/owned_product_catalogs`,
          token,
          schema: catalogList,
          query: { fields: "id,name", limit: "100", ...(after && { after }) },
        });
        found.push(...res.data.map((c) => ({ id: c.id, name: c.name ?? c.id })));
        after = res.paging?.next ? res.paging.cursors?.after : undefined;
        if (!after) break;
      }
      return found;
    },
    async createCatalog(businessId: string, token: string, name: string): Promise<string> {
      const res = await graph.request({
        method: "POST",
        path: `${pathSegment(businessId)}/owned_product_catalogs`,
        token,
        schema: created,
        form: { name, vertical: "commerce" },
      });
      return res.id;
    },
    async connectCatalog(wabaId: string, token: string, catalogId: string) {
      await graph.request({
        method: "POST",
        path: `${pathSegment(wabaId)}/product_catalogs`,
        token,
        schema: success,
        form: { catalog_id: catalogId },
      });
    },
    /** Sends up to 5,000 item changes; Meta answers with a handle to ask about them later. */
    async itemsBatch(catalogId: string, token: string, requests: BatchRequest[]) {
      return graph.request({
        method: "POST",
        path: `${pathSegment(catalogId)}/items_batch`,
        token,
        schema: batchPosted,
        form: { item_type: "PRODUCT_ITEM", requests: JSON.stringify(requests) },
      });
    },
    async batchStatus(
      catalogId: string,
      token: string,
      handle: string,
    ): Promise<BatchStatus | null> {
      const res = await graph.request({
        method: "GET",
        path: `${pathSegment(catalogId)}/check_batch_request_status`,
        token,
        schema: batchStatusSchema,
        query: { handle },
      });
      return res.data[0] ?? null;
    },
  };
}
