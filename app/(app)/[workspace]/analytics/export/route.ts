import { analyticsExportFilename, analyticsToCsv } from "@/lib/analytics/export-csv";
import { readWorkspaceReport } from "@/lib/analytics/read-report";
import { withWorkspace } from "@/lib/auth/workspace";

export const dynamic = "force-dynamic";

/** The analytics page's figures for the same days, as a CSV file. */
export const GET = withWorkspace("analytics.view", async (req, ctx) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const { range, report, timeZone } = await readWorkspaceReport(ctx, query);
  const csv = analyticsToCsv(report, { from: range.from, to: range.to, timeZone });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${analyticsExportFilename(ctx.workspace.slug, range.from, range.to)}"`,
      "cache-control": "no-store",
    },
  });
});
