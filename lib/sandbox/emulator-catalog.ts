import { randomBytes } from "node:crypto";
import { z } from "zod";
import * as q from "@/db/queries/sandbox";
import * as c from "@/db/queries/sandbox-catalog";
import { bearer, type EmulatorDeps, refuseBearer, tokenMatches } from "./emulator-auth";
import { sandboxId } from "./ids";
import { metaError, unknownObject } from "./meta-error";

// Meta's catalog calls as the emulator serves them: a business's catalogs, connecting one to a
// WABA, the batch item API and its status. Item problems are reported the way Meta reports
// them: per line of the batch, once it is processed, not when it is posted.

// A WABA connected by hand or by the tenants import has no signup record of its business; the
// emulator gives it a fixed one, as every WABA at Meta has an owner.
const DERIVED = "7";

async function businessOfWaba(deps: EmulatorDeps, wabaId: string) {
  return (await q.getSandboxWaba(deps.db, wabaId))?.businessId ?? `${DERIVED}${wabaId}`;
}

async function businessTokens(deps: EmulatorDeps, businessId: string) {
  const wabas = await c.listBusinessWabas(deps.db, businessId);
  if (businessId.startsWith(DERIVED)) wabas.push(businessId.slice(DERIVED.length));
  const tokens = await Promise.all(wabas.map((w) => q.listWabaTokens(deps.db, w)));
  return tokens.flat();
}

/** Null when the bearer may act for the business; else Meta's refusal. */
async function refuseForBusiness(req: Request, businessId: string, deps: EmulatorDeps) {
  const tokens = await businessTokens(deps, businessId);
  if (tokens.length === 0) return unknownObject(businessId);
  return tokenMatches(bearer(req), tokens, deps.keyring)
    ? null
    : refuseBearer(req, businessId, deps);
}

/** Form fields or a JSON body, as Graph accepts both. */
async function params(req: Request): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const json: unknown = await req.json().catch(() => null);
    return json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  }
  const text = await req.text();
  return Object.fromEntries(new URLSearchParams(text));
}

const missing = (name: string) => metaError(400, 100, `(#100) The parameter ${name} is required`);

async function ownedCatalogs(req: Request, businessId: string, method: string, deps: EmulatorDeps) {
  const refused = await refuseForBusiness(req, businessId, deps);
  if (refused) return refused;
  if (method === "GET") {
    const list = await c.listBusinessCatalogs(deps.db, businessId);
    return Response.json({
      data: list.map((x) => ({ id: x.id, name: x.name })),
      paging: { cursors: {} },
    });
  }
  const body = await params(req);
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (!name) return missing("name");
  const id = sandboxId();
  await c.createSandboxCatalog(deps.db, { id, businessId, name });
  return Response.json({ id });
}

async function wabaCatalogs(req: Request, wabaId: string, method: string, deps: EmulatorDeps) {
  const tokens = await q.listWabaTokens(deps.db, wabaId);
  if (tokens.length === 0) return unknownObject(wabaId);
  if (!tokenMatches(bearer(req), tokens, deps.keyring)) return refuseBearer(req, wabaId, deps);
  const business = await businessOfWaba(deps, wabaId);
  if (method === "GET") {
    const list = await c.listBusinessCatalogs(deps.db, business);
    return Response.json({
      data: list.filter((x) => x.wabaIds.includes(wabaId)).map((x) => ({ id: x.id, name: x.name })),
    });
  }
  const body = await params(req);
  const catalogId = typeof body.catalog_id === "string" ? body.catalog_id : "";
  if (!catalogId) return missing("catalog_id");
  const catalog = await c.getSandboxCatalog(deps.db, catalogId);
  // Only a catalog of the WABA's own business can be connected to it.
  if (!catalog || catalog.businessId !== business) return unknownObject(catalogId);
  await c.connectSandboxCatalog(deps.db, { catalogId, wabaId });
  return Response.json({ success: true });
}

const REQUIRED = [
  "title",
  "description",
  "availability",
  "condition",
  "price",
  "link",
  "image_link",
  "brand",
];
const AVAILABILITY = new Set([
  "in stock",
  "out of stock",
  "preorder",
  "available for order",
  "discontinued",
]);
const requestSchema = z.object({
  method: z.enum(["CREATE", "UPDATE", "DELETE"]),
  data: z.record(z.string(), z.unknown()),
});

/** Meta's objections to one item, in its words. */
export function itemProblems(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of REQUIRED) {
    const value = data[field];
    if (typeof value !== "string" || value.trim() === "")
      problems.push(`Required field missing: ${field}`);
  }
  const price = data.price;
  if (typeof price === "string" && price && !/^\d+(\.\d+)? [A-Z]{3}$/.test(price)) {
    problems.push(`Invalid price format: "${price}" (expected e.g. "9.99 USD")`);
  }
  const availability = data.availability;
  if (typeof availability === "string" && availability && !AVAILABILITY.has(availability)) {
    problems.push(`Invalid availability: "${availability}"`);
  }
  for (const field of ["link", "image_link"]) {
    const url = data[field];
    if (typeof url === "string" && url && !/^https?:\/\/\S+$/i.test(url)) {
      problems.push(`Invalid URL in field ${field}`);
    }
  }
  return problems;
}

async function itemsBatch(req: Request, catalogId: string, deps: EmulatorDeps) {
  const body = await params(req);
  if (body.item_type === undefined) return missing("item_type");
  if (body.item_type !== "PRODUCT_ITEM") {
    return metaError(
      400,
      100,
      "(#100) Param item_type must be one of {PRODUCT_ITEM, HOTEL, FLIGHT, …}",
    );
  }
  if (body.requests === undefined) return missing("requests");
  let raw: unknown = body.requests;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return metaError(400, 100, "(#100) Param requests must be an array");
    }
  }
  if (!Array.isArray(raw)) return metaError(400, 100, "(#100) Param requests must be an array");
  if (raw.length > 5000) {
    return metaError(400, 100, "(#100) Param requests must contain at most 5000 items");
  }
  const errors: { line: number; id: string; message: string }[] = [];
  const upserts: { retailerId: string; data: Record<string, unknown> }[] = [];
  const deletes: string[] = [];
  raw.forEach((item, line) => {
    const parsed = requestSchema.safeParse(item);
    const id = parsed.success && typeof parsed.data.data.id === "string" ? parsed.data.data.id : "";
    if (!parsed.success || !id) {
      errors.push({ line, id, message: "Each request needs a method and data with an id" });
      return;
    }
    if (parsed.data.method === "DELETE") {
      deletes.push(id);
      return;
    }
    const problems = itemProblems(parsed.data.data);
    if (problems.length > 0) {
      for (const message of problems) errors.push({ line, id, message });
      return;
    }
    upserts.push({ retailerId: id, data: parsed.data.data });
  });
  await c.upsertSandboxItems(deps.db, { catalogId, items: upserts });
  await c.deleteSandboxItems(deps.db, { catalogId, retailerIds: deletes });
  const handle = randomBytes(12).toString("base64url");
  await c.createSandboxBatch(deps.db, {
    handle,
    catalogId,
    errors,
    finishesAt: new Date(Date.now() + 500),
  });
  return Response.json({ handles: [handle], validation_status: [] });
}

async function batchStatus(url: URL, catalogId: string, deps: EmulatorDeps) {
  const handle = url.searchParams.get("handle");
  if (!handle) return missing("handle");
  const batch = await c.getSandboxBatch(deps.db, { catalogId, handle });
  if (!batch) return metaError(400, 100, "(#100) Invalid handle");
  const finished = Date.now() >= batch.finishesAt.getTime();
  return Response.json({
    data: [
      finished
        ? {
            handle,
            status: "finished",
            errors_total_count: batch.errors.length,
            errors: batch.errors,
            warnings_total_count: 0,
            warnings: [],
          }
        : { handle, status: "in_progress" },
    ],
  });
}

/**
 * Answers a catalog call, or null when the path is not one (the caller routes it on). `id` is
 * the path's object, `action` its edge.
 */
export async function catalogRoute(
  req: Request,
  url: URL,
  id: string,
  action: string | undefined,
  method: string,
  deps: EmulatorDeps,
): Promise<Response | null> {
  if (action === "owned_product_catalogs" && (method === "GET" || method === "POST")) {
    return ownedCatalogs(req, id, method, deps);
  }
  if (action === "product_catalogs" && (method === "GET" || method === "POST")) {
    return wabaCatalogs(req, id, method, deps);
  }
  if (
    !action &&
    method === "GET" &&
    url.searchParams.get("fields")?.includes("owner_business_info")
  ) {
    const tokens = await q.listWabaTokens(deps.db, id);
    if (tokens.length === 0) return null;
    if (!tokenMatches(bearer(req), tokens, deps.keyring)) return refuseBearer(req, id, deps);
    return Response.json({ id, owner_business_info: { id: await businessOfWaba(deps, id) } });
  }
  if (action !== "items_batch" && action !== "check_batch_request_status") return null;
  const catalog = await c.getSandboxCatalog(deps.db, id);
  if (!catalog) return unknownObject(id);
  const refused = await refuseForBusiness(req, catalog.businessId, deps);
  if (refused) return refused;
  if (action === "items_batch" && method === "POST") return itemsBatch(req, id, deps);
  if (action === "check_batch_request_status" && method === "GET")
    return batchStatus(url, id, deps);
  return metaError(400, 100, "Unsupported request");
}

/** The items a product message shows, or the problem Meta reports sending it. */
export async function productMessageProblem(
  deps: EmulatorDeps,
  wabaId: string | null,
  interactive: Record<string, unknown>,
): Promise<Response | null> {
  const invalid = (details: string) =>
    metaError(400, 131009, "Parameter value is not valid", details);
  const parsed = productInteractive.safeParse(interactive);
  if (!parsed.success)
    return invalid(parsed.error.issues[0]?.message ?? "Invalid interactive object");
  const i = parsed.data;
  const catalog = await c.getSandboxCatalog(deps.db, i.action.catalog_id);
  if (!catalog || !wabaId || !catalog.wabaIds.includes(wabaId)) {
    return invalid(
      `Catalog ${i.action.catalog_id} is not connected to this WhatsApp Business Account`,
    );
  }
  const ids =
    i.type === "product"
      ? [i.action.product_retailer_id ?? ""]
      : (i.action.sections ?? []).flatMap((s) => s.product_items.map((p) => p.product_retailer_id));
  const found = new Set(
    (await c.getSandboxItems(deps.db, { catalogId: catalog.id, retailerIds: ids })).map(
      (x) => x.retailerId,
    ),
  );
  const absent = ids.find((x) => !found.has(x));
  return absent === undefined
    ? null
    : invalid(`Product with retailer id ${absent} not found in the catalog`);
}

const productInteractive = z
  .object({
    type: z.enum(["product", "product_list"]),
    header: z.object({ type: z.literal("text"), text: z.string().min(1).max(60) }).optional(),
    body: z.object({ text: z.string().min(1).max(1024) }).optional(),
    footer: z.object({ text: z.string().max(60) }).optional(),
    action: z.object({
      catalog_id: z.string().min(1, "action.catalog_id is required"),
      product_retailer_id: z.string().optional(),
      sections: z
        .array(
          z.object({
            title: z.string().max(24, "section title must be at most 24 characters").optional(),
            product_items: z.array(z.object({ product_retailer_id: z.string().min(1) })).min(1),
          }),
        )
        .min(1, "action.sections needs at least one section")
        .max(10, "action.sections allows at most 10 sections")
        .optional(),
    }),
  })
  .superRefine((i, ctx) => {
    if (i.type === "product" && !i.action.product_retailer_id) {
      ctx.addIssue({ code: "custom", message: "action.product_retailer_id is required" });
    }
    if (i.type === "product_list") {
      if (!i.header)
        ctx.addIssue({ code: "custom", message: "header is required for product_list" });
      if (!i.body) ctx.addIssue({ code: "custom", message: "body is required for product_list" });
      const sections = i.action.sections ?? [];
      if (sections.length === 0)
        ctx.addIssue({ code: "custom", message: "action.sections is required" });
      if (sections.length > 1 && sections.some((s) => !s.title)) {
        ctx.addIssue({
          code: "custom",
          message: "each section needs a title when there are several",
        });
      }
      const total = sections.reduce((n, s) => n + s.product_items.length, 0);
      if (total > 30)
        ctx.addIssue({ code: "custom", message: "a product_list holds at most 30 products" });
    }
  });
