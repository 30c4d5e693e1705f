import { recordEscalationNotice } from "@/db/queries/replies";
import { sendMail } from "@/lib/email/send-mail";
import { listInboxTemplates } from "@/lib/inbox/list-templates";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import {
  type AlertFacts,
  alertComponents,
  alertTemplateProblem,
  alertValues,
} from "./alerts/alert-template";
import type { HandoffReason } from "./decide";
import type { ReplyDeps } from "./deps";

export const REASONS: Record<HandoffReason, string> = {
  requested: "the customer asked for a person",
  reply_failed: "the bot's reply could not be delivered",
  rate_limited: "the conversation passed the bot's message limit",
  window_closed: "WhatsApp's 24-hour window closed, so only a template can reach the customer",
  outside_hours: "the message came outside business hours",
  channel_unavailable: "the WhatsApp number is disconnected or needs re-authorization",
  unanswered: "the bot had no answer",
  order: "the customer sent an order from the catalog",
};

export type Escalation = {
  id: string;
  workspaceId: string;
  workspaceName: string;
  reason: HandoffReason;
  customer: { name: string | null; phone: string | null };
  lastMessage: string | null;
  to: { phone: string | null; email: string | null };
  /** The approved template chosen in bot settings to carry the WhatsApp alert. */
  template: { name: string; language: string } | null;
  channel: { id: string; phoneNumberId: string; token: string } | null;
};

function facts(e: Escalation): AlertFacts {
  const who = [e.customer.name, e.customer.phone ? `+${e.customer.phone}` : null]
    .filter(Boolean)
    .join(" ");
  return {
    business: e.workspaceName,
    reason: REASONS[e.reason],
    customer: who || "unknown",
    lastMessage: e.lastMessage,
  };
}

export function escalationText(e: Escalation): string {
  const f = facts(e);
  return [
    `${f.business}: a conversation needs a person, because ${f.reason}.`,
    `Customer: ${f.customer}`,
    f.lastMessage ? `Last message: "${f.lastMessage.slice(0, 300)}"` : null,
    "Open the inbox to reply.",
  ]
    .filter(Boolean)
    .join("\n");
}

type WhatsAppAlert = { sent: true; waMessageId: string } | { sent: false; reason: string };

const notSent = (reason: string): WhatsAppAlert => ({
  sent: false,
  reason: `WhatsApp alert not sent: ${reason}`,
});

const STATUS_WORDS: Record<string, string> = {
  PENDING: "is still waiting for WhatsApp's approval",
  IN_APPEAL: "is still waiting for WhatsApp's approval",
  REJECTED: "was rejected by WhatsApp",
  PAUSED: "is paused by WhatsApp for low quality",
  DISABLED: "is disabled by WhatsApp",
};

/**
 * The alert as the chosen template. Never as free text: the escalation contact has usually not
 * written to the business number in 24 hours, and WhatsApp refuses free text then (131047),
 * often only after accepting it.
 */
async function sendWhatsAppAlert(
  deps: ReplyDeps,
  e: Escalation,
  phone: string,
): Promise<WhatsAppAlert> {
  if (!e.template) {
    return notSent(
      "no approved alert template is chosen in bot settings, and WhatsApp only lets a business write first with one",
    );
  }
  if (!e.channel) return notSent("the WhatsApp number is disconnected or needs re-authorization");
  const chosen = e.template;
  const label = `the template “${chosen.name}” (${chosen.language})`;
  const list = await listInboxTemplates(deps, {
    workspaceId: e.workspaceId,
    channelId: e.channel.id,
  });
  if (!list.ok) return notSent(list.message);
  const same = (t: { name: string; language: string }) =>
    t.name === chosen.name && t.language === chosen.language;
  const template = list.templates.find(same);
  if (!template) {
    const waiting = list.unapproved.find(same);
    return notSent(
      waiting
        ? `${label} ${STATUS_WORDS[waiting.status] ?? `is ${waiting.status.toLowerCase()}`}`
        : `${label} no longer exists on this number`,
    );
  }
  const problem = alertTemplateProblem(template);
  if (problem) return notSent(`${label} cannot carry alerts. ${problem}`);
  try {
    const sent = await deps.graph.sendTemplate(e.channel.phoneNumberId, e.channel.token, {
      to: phone.replace(/[^\d+]/g, ""),
      name: template.name,
      languageCode: template.language,
      components: alertComponents(template, alertValues(facts(e))),
      // Its status webhooks carry this back, so delivery is recorded on this escalation.
      bizOpaqueCallbackData: `e:${e.id}`,
    });
    return { sent: true, waMessageId: sent.wamid };
  } catch (error) {
    if (!isGraphError(error)) throw error;
    return { sent: false, reason: `WhatsApp: ${error.message} (${error.code})` };
  }
}

/**
 * Tells the escalation contact: a WhatsApp template through the workspace's own number and an
 * e-mail when SMTP is configured. The in-app flag is already set. What was sent, and why anything
 * was not, is recorded on the escalation; WhatsApp's status webhook records delivery later.
 */
export async function notifyEscalation(deps: ReplyDeps, e: Escalation) {
  const errors: string[] = [];
  const whatsapp = e.to.phone ? await sendWhatsAppAlert(deps, e, e.to.phone) : null;
  if (whatsapp && !whatsapp.sent) errors.push(whatsapp.reason);
  let email = false;
  if (e.to.email && deps.smtp) {
    try {
      await sendMail(deps.smtp, {
        to: e.to.email,
        subject: `${e.workspaceName}: a conversation needs a person`,
        text: escalationText(e),
      });
      email = true;
    } catch (error) {
      errors.push(`E-mail: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const alertWaMessageId = whatsapp?.sent ? whatsapp.waMessageId : null;
  await recordEscalationNotice(deps.db, {
    workspaceId: e.workspaceId,
    id: e.id,
    alertWaMessageId,
    email,
    error: errors.length > 0 ? errors.join("; ") : null,
  });
  return { whatsappSent: alertWaMessageId !== null, email, errors };
}
