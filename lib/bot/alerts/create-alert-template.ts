import { findAlertChannel } from "@/db/queries/channels";
import { getChannelForTemplates } from "@/db/queries/inbox-thread";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import type { ReplyDeps } from "@/lib/bot/deps";
import { decryptSecret } from "@/lib/crypto/secrets";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import { PARLEY_ALERT_TEMPLATE, parleyAlertComponents } from "./alert-template";
import type { AlertTemplatesView } from "./alert-templates-view";
import { readAlertTemplates } from "./read-alert-templates";

export type CreatedAlertTemplate = {
  template: { name: string; language: string; status: string };
  view: AlertTemplatesView;
};

/**
 * Submits Parley's own alert template to the workspace's WABA, for a number that has none that
 * fits. Meta reviews it first; the returned listing shows its status.
 */
export async function createAlertTemplateAs(
  ctx: WorkspaceContext,
  deps: Pick<ReplyDeps, "graph" | "keyring">,
): Promise<ActionResult<CreatedAlertTemplate>> {
  const workspaceId = ctx.workspace.id;
  const channel = await findAlertChannel(ctx.db, workspaceId);
  const creds = channel
    ? await getChannelForTemplates(ctx.db, { workspaceId, channelId: channel.id })
    : null;
  if (!channel?.wabaId || !creds?.accessTokenEncrypted) {
    return {
      ok: false,
      code: "no_number",
      message: "Connect your WhatsApp number first: templates belong to the number.",
    };
  }
  const token = decryptSecret(
    creds.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    workspaceId,
  );
  let created: { status: string };
  try {
    created = await deps.graph.createTemplate(channel.wabaId, token, {
      name: PARLEY_ALERT_TEMPLATE.name,
      language: PARLEY_ALERT_TEMPLATE.language,
      category: PARLEY_ALERT_TEMPLATE.category,
      components: parleyAlertComponents(),
    });
  } catch (error) {
    if (!isGraphError(error)) throw error;
    return {
      ok: false,
      code: "whatsapp_refused",
      message: `WhatsApp did not take the template: ${error.message} (${error.code}). If it says the template exists, reload the page: it is listed there.`,
    };
  }
  const template = {
    name: PARLEY_ALERT_TEMPLATE.name,
    language: PARLEY_ALERT_TEMPLATE.language,
    status: created.status.toUpperCase(),
  };
  await ctx.audit("bot.alert_template_created", workspaceId, template);
  const view = await readAlertTemplates({ db: ctx.db, ...deps }, workspaceId);
  return { ok: true, data: { template, view } };
}
