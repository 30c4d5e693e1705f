import { withWorkspace } from "@/lib/auth/workspace";
import { readStoredTemplateRows } from "@/lib/templates/read-page";

export const dynamic = "force-dynamic";

/** The WABA's templates as stored (kept current by Meta's webhooks), for the page's polling. */
export const GET = withWorkspace("templates.manage", async (req, ctx) => {
  const wabaId = new URL(req.url).searchParams.get("waba") ?? "";
  const rows = /^\d{1,30}$/.test(wabaId) ? await readStoredTemplateRows(ctx, wabaId) : [];
  return Response.json({ rows }, { headers: { "cache-control": "no-store" } });
});
