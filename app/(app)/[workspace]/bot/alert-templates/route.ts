import { withWorkspace } from "@/lib/auth/workspace";
import { readAlertTemplates } from "@/lib/bot/alerts/read-alert-templates";
import { getReplyDeps } from "@/lib/bot/deps";

export const dynamic = "force-dynamic";

/** The alert number's templates with their review status, for the settings page to poll. */
export const GET = withWorkspace("bot.manage", async (_req, ctx) => {
  const { graph, keyring } = await getReplyDeps();
  const view = await readAlertTemplates({ db: ctx.db, graph, keyring }, ctx.workspace.id);
  return Response.json(view, { headers: { "cache-control": "no-store" } });
});
