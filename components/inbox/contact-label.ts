/** How a customer is named in the inbox: their WhatsApp name, else their number. */
export function contactLabel(contact: { name: string | null; waId: string | null }): string {
  if (contact.name) return contact.name;
  return contact.waId ? `+${contact.waId}` : "Customer without a number";
}

export const HANDOFF_REASONS: Record<string, string> = {
  requested: "The customer asked for a person",
  reply_failed: "The bot's reply could not be sent",
  rate_limited: "The customer wrote more than the bot's limit",
  window_closed: "The 24-hour reply window closed",
  outside_hours: "Written outside business hours",
  channel_unavailable: "The WhatsApp number needs attention",
  unanswered: "The bot did not know the answer",
  order: "The customer sent an order to confirm",
};
