import type { z } from "zod";
import { type QueuedReply, queueReply } from "@/db/queries/inbox-actions";
import { getInboxConversation } from "@/db/queries/inbox-thread";
import { dispatchInboxReply } from "@/inngest/dispatch";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { log } from "@/lib/log";
import type { templateReplyInput, textReplyInput } from "@/lib/validations/inbox";
import {
  type InboxTemplate,
  missingParams,
  renderTemplate,
  type TemplateValues,
  templateComponents,
} from "@/lib/whatsapp/templates";
import { listInboxTemplates } from "./list-templates";

export type Queued = { messageId: string; conversationId: string; tookOver: boolean };

export const WINDOW_CLOSED_MESSAGE =
  "More than 24 hours have passed since the customer last wrote, so WhatsApp only allows an approved template. Choose one below.";

/**
 * Stores a reply pending (`queueReply`) and hands it to the send job, the one path every
 * person's and API's message takes to WhatsApp (paced, sent exactly once, `message.sent`).
 */
export async function queueAndDispatch(
  db: WorkspaceContext["db"],
  reply: QueuedReply,
  refusals: { windowClosed?: string } = {},
): Promise<ActionResult<Queued>> {
  const outcome = await queueReply(db, reply);
  if (outcome.state === "not_found") {
    return { ok: false, code: "not_found", message: "Conversation not found." };
  }
  if (outcome.state === "window_closed") {
    return {
      ok: false,
      code: "window_closed",
      message: refusals.windowClosed ?? WINDOW_CLOSED_MESSAGE,
    };
  }
  if (outcome.state === "opted_out") {
    return {
      ok: false,
      code: "opted_out",
      message:
        "This customer sent STOP and opted out of messages from the business. They can be written to again once they send START.",
    };
  }
  try {
    await dispatchInboxReply({
      workspaceId: reply.workspaceId,
      conversationId: reply.conversationId,
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
  return {
    ok: true,
    data: {
      messageId: outcome.messageId,
      conversationId: reply.conversationId,
      tookOver: outcome.tookOver,
    },
  };
}

/**
 * One of the number's approved templates the inbox can send, by name and language; refused
 * with a reason a person can act on (disconnected number, unknown, not approved yet,
 * needing a file or link).
 */
export async function findSendableTemplate(
  workspaceId: string,
  channelId: string,
  wanted: { name: string; language: string },
): Promise<ActionResult<InboxTemplate>> {
  const list = await listInboxTemplates(await getReplyDeps(), { workspaceId, channelId });
  if (!list.ok) return { ok: false, code: "templates_unavailable", message: list.message };
  const same = (t: { name: string; language: string }) =>
    t.name === wanted.name && t.language === wanted.language;
  const template = list.templates.find(same);
  if (template) return { ok: true, data: template };
  const waiting = list.unapproved.find(same);
  return {
    ok: false,
    code: waiting ? "template_not_approved" : "template_not_found",
    message: waiting
      ? `The template “${wanted.name}” (${wanted.language}) is ${waiting.status.toLowerCase()}, not approved by WhatsApp, so it cannot be sent yet.`
      : `This number has no approved template “${wanted.name}” in language ${wanted.language} that can be sent from Parley (templates with a media header, a link parameter or a code button are sent from WhatsApp Manager).`,
    fieldErrors: { name: "Choose an approved template." },
  };
}

/** A free-form reply, inside the customer's 24-hour window; the conversation becomes a person's. */
export async function queueTextReply(
  ctx: WorkspaceContext,
  input: z.infer<typeof textReplyInput>,
): Promise<ActionResult<Queued>> {
  return queueAndDispatch(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId: input.conversationId,
    userId: ctx.user.id,
    clientId: input.clientId,
    type: "text",
    text: input.text,
    payload: null,
  });
}

/** The stored form of a template send: the text as the customer reads it, and Meta's payload. */
export function templateReply(template: InboxTemplate, values: TemplateValues) {
  return {
    type: "template" as const,
    text: renderTemplate(template, values),
    payload: {
      template: {
        name: template.name,
        language: template.language,
        components: templateComponents(template, values),
      },
    },
  };
}

/** Every parameter left empty, as the composer's field errors; null when all are filled. */
export function missingValues(template: InboxTemplate, values: TemplateValues) {
  const missing = missingParams(template, values);
  if (missing.length === 0) return null;
  return {
    ok: false as const,
    code: "invalid",
    message: "Fill in every value of the template.",
    fieldErrors: Object.fromEntries(missing.map((field) => [`values.${field}`, "Fill this in."])),
  };
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
  const found = await findSendableTemplate(ctx.workspace.id, conversation.channel.id, input);
  if (!found.ok) {
    return found.code === "templates_unavailable"
      ? found
      : {
          ...found,
          code: "invalid",
          message: "This template is not approved for this number any more. Choose another.",
        };
  }
  const missing = missingValues(found.data, input.values);
  if (missing) return missing;
  return queueAndDispatch(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId: input.conversationId,
    userId: ctx.user.id,
    clientId: input.clientId,
    ...templateReply(found.data, input.values),
  });
}
