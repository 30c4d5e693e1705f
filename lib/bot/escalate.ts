import { recordEscalationNotice } from "@/db/queries/replies";
import { sendMail } from "@/lib/email/send-mail";
import { GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";
import type { HandoffReason } from "./decide";
import type { ReplyDeps } from "./deps";

const REASONS: Record<HandoffReason, string> = {
  requested: "the customer asked for a person",
  reply_failed: "the bot's reply could not be delivered",
  rate_limited: "the conversation passed the bot's message limit",
  window_closed: "WhatsApp's 24-hour window closed, so only a template can reach the customer",
  outside_hours: "the message came outside business hours",
  channel_unavailable: "the WhatsApp number is disconnected or needs re-authorization",
  unanswered: "the bot had no answer",
};

export type Escalation = {
  id: string;
  workspaceId: string;
  workspaceName: string;
  reason: HandoffReason;
  customer: { name: string | null; phone: string | null };
  lastMessage: string | null;
  to: { phone: string | null; email: string | null };
  channel: { phoneNumberId: string; token: string } | null;
};

export function escalationText(e: Escalation): string {
  const who = [e.customer.name, e.customer.phone ? `+${e.customer.phone}` : null]
    .filter(Boolean)
    .join(" ");
  return [
    `${e.workspaceName}: a conversation needs a person, because ${REASONS[e.reason]}.`,
    `Customer: ${who || "unknown"}`,
    e.lastMessage ? `Last message: "${e.lastMessage.slice(0, 300)}"` : null,
    "Open the inbox to reply.",
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * Tells the escalation contact: a WhatsApp message through the workspace's own number and an
 * e-mail when SMTP is configured. The in-app flag is already set; what reached whom, and any
 * failure, is recorded on the escalation.
 */
export async function notifyEscalation(deps: ReplyDeps, e: Escalation) {
  const text = escalationText(e);
  const errors: string[] = [];
  let whatsapp = false;
  let email = false;
  if (e.to.phone && e.channel) {
    try {
      await deps.graph.sendText(e.channel.phoneNumberId, e.channel.token, {
        to: e.to.phone.replace(/[^\d+]/g, ""),
        body: text,
      });
      whatsapp = true;
    } catch (error) {
      if (!isGraphError(error)) throw error;
      errors.push(`WhatsApp: ${error.message} (${error.code})`);
    }
  }
  if (e.to.email && deps.smtp) {
    try {
      await sendMail(deps.smtp, {
        to: e.to.email,
        subject: `${e.workspaceName}: a conversation needs a person`,
        text,
      });
      email = true;
    } catch (error) {
      errors.push(`E-mail: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await recordEscalationNotice(deps.db, {
    workspaceId: e.workspaceId,
    id: e.id,
    whatsapp,
    email,
    error: errors.length > 0 ? errors.join("; ") : null,
  });
  return { whatsapp, email, errors };
}
