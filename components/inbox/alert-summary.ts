import type { ThreadView } from "@/lib/inbox/read-inbox";

type Alert = NonNullable<ThreadView["alert"]>;

/**
 * The staff alert of a hand-off in words for the inbox. WhatsApp accepting an alert is not its
 * delivery: "delivered" comes only from WhatsApp's status webhook.
 */
export function alertSummary(alert: Alert): string {
  const parts: string[] = [];
  const status = alert.alertStatus;
  if (alert.whatsappDeliveredAt || status === "delivered" || status === "read") {
    parts.push("Staff alert delivered by WhatsApp.");
  } else if (status === "failed") {
    parts.push(`Staff alert failed: ${alert.error ?? "WhatsApp did not deliver it"}.`);
  } else if (alert.alertSent) {
    parts.push("Staff alert sent by WhatsApp, not yet delivered.");
  } else if (alert.error) {
    parts.push(`${alert.error}.`);
  }
  if (alert.emailedAt) parts.push("Staff alert e-mailed.");
  if (parts.length === 0) parts.push("No staff alert went out: none is set up in bot settings.");
  return parts.join(" ");
}
