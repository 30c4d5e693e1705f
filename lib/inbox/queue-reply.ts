import type { z } from "zod";
import { type QueueOutcome, queueReply } from "@/db/queries/inbox-actions";
import { getInboxConversation } from "@/db/queries/inbox-thread";
import { dispatchInboxReply } from "@/inngest/dispatch";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { log } from "@/lib/log";
import type { templateReplyInput, textReplyInput } from "@/lib/validations/inbox";
import { missingParams, renderTemplate, templateComponents } from "@/lib/whatsapp/templates";
import { listInboxTemplates } from "./list-templates";

type Queued = { messageId: string; tookOver: boolean };

async function dispatched(
  ctx: WorkspaceContext,
  conversationId: string,
  outcome: QueueOutcome,
): Promise<ActionResult<Queued>> {
  if (outcome.state === "not_found") {
    return { ok: false, code: "not_found", message: "Conversation not found." };
  }
  if (outcome.state === "window_closed") {
    return {
      ok: false,
      code: "window_closed",
      message:
        "More than 24 hours have passed since the customer last wrote, so WhatsApp only allows an approved template. Choose one below.",
    };
  }
  try {
    await dispatchInboxReply({
      workspaceId: ctx.workspace.id,
      conversationId,
      channelId: outcome.channelId,
      messageId: outcome.messageId,
    });
  } catch (error) {
    // The reply is stored; sending it again with the same composer id queues it once.
    log.error({ messageId: outcome.messageId, err: error }, "Queueing reply failed");
    return {
      ok: false,
      code: "service_unavailable",
      message: "The reply could not be queued for sending. Press Send again in a moment.",
    };
  }
  return { ok: true, data: { messageId: outcome.messageId, tookOver: outcome.tookOver } };
}

/** A free-form reply, inside the customer's 24-hour window; the conversation becomes a person's. */
export async function queueTextReply(
  ctx: WorkspaceContext,
  input: z.infer<typeof textReplyInput>,
): Promise<ActionResult<Queued>> {
  const outcome = await queueReply(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId: input.conversationId,
    userId: ctx.user.id,
    clientId: input.clientId,
    type: "text",
    text: input.text,
    payload: null,
  });
  return dispatched(ctx, input.conversationId, outcome);
}

/**
 * A template reply, allowed whenever: the template is checked against the number's approved
 * templates, and every parameter must be filled in.
 */
export async function queueTemplateReply(
  ctx: WorkspaceContext,
  input: z.infer<typeof templateReplyInput>,
): Promise<ActionResult<Queued>> {
  const conversation = await getInboxConversation(ctx.db, {
    workspaceId: ctx.workspace.id,
    id: input.conversationId,
  });
  if (!conversation) return { ok: false, code: "not_found", message: "Conversation not found." };
  const list = await listInboxTemplates(await getReplyDeps(), {
    workspaceId: ctx.workspace.id,
    channelId: conversation.channel.id,
  });
  if (!list.ok) return { ok: false, code: "templates_unavailable", message: list.message };
  const template = list.templates.find(
    (t) => t.name === input.name && t.language === input.language,
  );
  if (!template) {
    return {
      ok: false,
      code: "invalid",
      message: "This template is not approved for this number any more. Choose another.",
      fieldErrors: { name: "Choose an approved template." },
    };
  }
  const missing = missingParams(template, input.values);
  if (missing.length > 0) {
    return {
      ok: false,
      code: "invalid",
      message: "Fill in every value of the template.",
      fieldErrors: Object.fromEntries(missing.map((field) => [`values.${field}`, "Fill this in."])),
    };
  }
  const outcome = await queueReply(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId: input.conversationId,
    userId: ctx.user.id,
    clientId: input.clientId,
    type: "template",
    text: renderTemplate(template, input.values),
    payload: {
      template: {
        name: template.name,
        language: template.language,
        components: templateComponents(template, input.values),
      },
    },
  });
  return dispatched(ctx, input.conversationId, outcome);
}
