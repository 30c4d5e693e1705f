import { findAlertChannel } from "@/db/queries/channels";
import { getWorkspaceName } from "@/db/queries/workspaces";
import type { ReplyDeps } from "@/lib/bot/deps";
import { listInboxTemplates } from "@/lib/inbox/list-templates";
import { type AlertTemplatesView, toOption } from "./alert-templates-view";

/**
 * The templates of the workspace's alert number as the settings page offers them: approved ones
 * and those still in review, each with how the alert would read or why it cannot carry one.
 */
export async function readAlertTemplates(
  deps: Pick<ReplyDeps, "db" | "graph" | "keyring">,
  workspaceId: string,
): Promise<AlertTemplatesView> {
  const channel = await findAlertChannel(deps.db, workspaceId);
  if (!channel) return { kind: "no_number" };
  // Fresh: the owner is here to see a review's outcome, not a minute-old listing.
  const list = await listInboxTemplates(deps, { workspaceId, channelId: channel.id, fresh: true });
  if (!list.ok) return { kind: "error", message: list.message };
  // The preview names the owner's own business, not an example one.
  const business = (await getWorkspaceName(deps.db, workspaceId))?.name ?? "";
  return {
    kind: "ok",
    number: channel.displayPhoneNumber ?? channel.phoneNumberId,
    options: [
      ...list.templates.map((t) => toOption("APPROVED", t, t, business)),
      ...list.unapproved.map((t) => toOption(t.status, t.view, t, business)),
    ],
  };
}
