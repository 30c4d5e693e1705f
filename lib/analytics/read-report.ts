import { readAnalytics } from "@/db/queries/analytics/report";
import { getBotSettings } from "@/db/queries/bot-settings";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { analyticsRangeQuery, instantInDay, resolveRange } from "./report-range";

/** The page's and the export's report: the asked days in the workspace's time zone. */
export async function readWorkspaceReport(ctx: WorkspaceContext, query: Record<string, unknown>) {
  const { timezone } = await getBotSettings(ctx.db, ctx.workspace.id);
  const range = resolveRange(analyticsRangeQuery.parse(query), timezone);
  const span = {
    workspaceId: ctx.workspace.id,
    from: instantInDay(range.from, timezone),
    to: instantInDay(range.to, timezone),
    timeZone: timezone,
  };
  const report = await readAnalytics(ctx.db, span);
  return { range, span, report, timeZone: timezone };
}
