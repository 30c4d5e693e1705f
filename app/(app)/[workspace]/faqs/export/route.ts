import { listFaqs } from "@/db/queries/faqs";
import { withWorkspace } from "@/lib/auth/workspace";
import { faqExportFilename, faqsToCsv } from "@/lib/faqs/export-csv";

/** The workspace's FAQs as a CSV file that the importer reads back unchanged. */
export const GET = withWorkspace("bot.manage", async (_req, ctx) => {
  const faqs = await listFaqs(ctx.db, { workspaceId: ctx.workspace.id });
  return new Response(faqsToCsv(faqs), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${faqExportFilename(ctx.workspace.slug)}"`,
      "cache-control": "no-store",
    },
  });
});
