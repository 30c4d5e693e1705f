import type { z } from "zod";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { chooseSendingChannel, NO_NUMBER, startMessage } from "@/lib/messages/start-message";
import type { startConversationInput } from "@/lib/validations/inbox";
import { listInboxTemplates, type TemplateList } from "./list-templates";

/**
 * The approved templates a new conversation with the contact (or with a new phone number) can
 * start with: those of the number it would be sent from.
 */
export async function newConversationTemplates(
  ctx: Pick<WorkspaceContext, "db" | "workspace">,
  contactId: string | null,
): Promise<TemplateList & { number: string | null }> {
  const channel = await chooseSendingChannel(ctx.db, {
    workspaceId: ctx.workspace.id,
    contactId,
  });
  if (!channel) return { ok: false, message: NO_NUMBER, number: null };
  const list = await listInboxTemplates(await getReplyDeps(), {
    workspaceId: ctx.workspace.id,
    channelId: channel.id,
  });
  return { ...list, number: channel.displayPhoneNumber };
}

/**
 * A member starts a conversation (or writes again after the window closed) with an approved
 * template, to a contact or a phone number; the conversation becomes theirs.
 */
export async function startConversation(
  ctx: WorkspaceContext,
  input: z.infer<typeof startConversationInput>,
): Promise<ActionResult<{ conversationId: string }>> {
  const started = await startMessage(
    { db: ctx.db, workspaceId: ctx.workspace.id, userId: ctx.user.id, clientId: input.clientId },
    input.contactId ? { contactId: input.contactId } : { phone: input.phone ?? "" },
    { kind: "template", name: input.name, language: input.language, parameters: input.values },
  );
  if (started.ok) return { ok: true, data: { conversationId: started.data.conversationId } };
  const { code, message } = started;
  if (code === "invalid_phone")
    return { ok: false, code, message, fieldErrors: { phone: message } };
  return { ok: false, code, message };
}
