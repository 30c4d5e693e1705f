import type { AuditEntry } from "@/db/queries/audit-log";
import { settingLabels } from "@/lib/bot/settings/field-labels";

type Details = Record<string, unknown> | null;

const text = (details: Details, key: string, fallback = "someone") => {
  const value = details?.[key];
  return typeof value === "string" && value !== "" ? value : fallback;
};

const SENTENCES: Record<string, (d: Details) => string> = {
  "workspace.created": (d) => `created the workspace “${text(d, "name", "")}”`,
  "workspace.renamed": (d) =>
    `renamed the workspace from “${text(d, "from", "")}” to “${text(d, "to", "")}”`,
  "workspace.reminder_changed": (d) =>
    typeof d?.minutes === "number"
      ? `set reminder e-mails to go after ${d.minutes} minutes nobody opened a conversation`
      : "turned reminder e-mails off",
  "member.role_changed": (d) =>
    `changed the role of ${text(d, "email")} from ${text(d, "from", "?")} to ${text(d, "to", "?")}`,
  "member.removed": (d) => `removed ${text(d, "email")} (${text(d, "role", "member")})`,
  "member.left": () => "left the workspace",
  "invitation.created": (d) => `invited ${text(d, "email")} as ${text(d, "role", "member")}`,
  "invitation.revoked": (d) => `withdrew the invitation for ${text(d, "email")}`,
  "invitation.accepted": (d) => `joined as ${text(d, "role", "member")} by invitation`,
  "api_key.created": (d) => `created the API key “${text(d, "name", "")}”`,
  "api_key.revoked": (d) => `revoked the API key “${text(d, "name", "")}”`,
  "webhook.created": (d) => `added the webhook endpoint ${text(d, "url", "")}`,
  "webhook.deleted": (d) => `deleted the webhook endpoint ${text(d, "url", "")}`,
  "webhook.enabled": (d) => `turned on the webhook endpoint ${text(d, "url", "")}`,
  "webhook.paused": (d) => `turned off the webhook endpoint ${text(d, "url", "")}`,
  "webhook.secret_rolled": (d) => `rolled the secret of the webhook endpoint ${text(d, "url", "")}`,
  "webhook.disabled": (d) =>
    `turned off the webhook endpoint ${text(d, "url", "")} after a day of failed deliveries`,
  "faq.created": (d) => `added the FAQ “${text(d, "question", "")}”`,
  "faq.updated": (d) => `edited the FAQ “${text(d, "question", "")}”`,
  "faq.deleted": (d) => `deleted the FAQ “${text(d, "question", "")}”`,
  "faq.activated": (d) => `turned on the FAQ “${text(d, "question", "")}”`,
  "faq.deactivated": (d) => `turned off the FAQ “${text(d, "question", "")}”`,
  "faq.imported": (d) =>
    `imported FAQs: ${Number(d?.create ?? 0)} added, ${Number(d?.update ?? 0)} updated`,
  "bot.settings_updated": (d) => {
    const fields = Array.isArray(d?.fields) ? d.fields.filter((f) => typeof f === "string") : [];
    return fields.length > 0
      ? `changed the bot settings (${settingLabels(fields).join(", ")})`
      : "changed the bot settings";
  },
  "bot.alert_template_created": (d) =>
    `submitted the staff alert template “${text(d, "name", "")}” to WhatsApp for review`,
  "channel.connected": () => "connected a WhatsApp number",
  "channel.reauthorized": () => "re-authorized a WhatsApp number",
  "channel.manual_connect": () => "connected a WhatsApp number with its details",
  "channel.disconnected": (d) =>
    d?.by === "meta"
      ? "disconnected a WhatsApp number (access removed in Meta)"
      : "disconnected a WhatsApp number",
  "channel.owners_notified": (d) =>
    `told ${Number(d?.emailed ?? 0)} owner(s) and admin(s) by e-mail that a number was disconnected`,
  "signup.step_failed": (d) => `saw a connection step fail (${text(d, "step", "unknown")})`,
  "tenant.created": () => "set the workspace up from an import file",
  "tenant.updated": () => "updated the workspace from an import file",
};

function actor(entry: AuditEntry): string {
  switch (entry.actorType) {
    case "user":
      return entry.actorName ?? entry.actorEmail ?? "A former member";
    case "api_key":
      return "An API key";
    case "cli":
      return "An operator";
    default:
      return "Parley";
  }
}

/** One audit entry as a sentence: "Ann invited bob@shop.test as agent". */
export function describeActivity(entry: AuditEntry): { who: string; what: string } {
  const sentence = SENTENCES[entry.action];
  // Actions added later still read sensibly until they get their own sentence.
  const what = sentence ? sentence(entry.details) : entry.action.replace(/[._]+/g, " ");
  return { who: actor(entry), what };
}
