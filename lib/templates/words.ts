import type { GraphError } from "@/lib/whatsapp/graph-errors";

// Meta's template statuses, quality ratings, rejection codes and errors, in words an owner reads.

export const STATUS_WORDS: Record<string, { label: string; tone: "ok" | "waiting" | "bad" }> = {
  APPROVED: { label: "Approved", tone: "ok" },
  PENDING: { label: "In review", tone: "waiting" },
  IN_APPEAL: { label: "Appeal in review", tone: "waiting" },
  REJECTED: { label: "Rejected", tone: "bad" },
  PAUSED: { label: "Paused", tone: "bad" },
  DISABLED: { label: "Disabled", tone: "bad" },
  PENDING_DELETION: { label: "Being deleted", tone: "bad" },
  ARCHIVED: { label: "Archived", tone: "bad" },
  LIMIT_EXCEEDED: { label: "Over the template limit", tone: "bad" },
  REINSTATED: { label: "Approved again", tone: "ok" },
  FLAGGED: { label: "Flagged: may be paused", tone: "bad" },
};

export const statusWords = (status: string) =>
  STATUS_WORDS[status.toUpperCase()] ?? { label: status.toLowerCase(), tone: "bad" as const };

export const QUALITY_WORDS: Record<string, string> = {
  GREEN: "High",
  YELLOW: "Medium",
  RED: "Low",
  UNKNOWN: "Not rated yet",
};

export const qualityWords = (quality: string | null) =>
  quality ? (QUALITY_WORDS[quality.toUpperCase()] ?? quality.toLowerCase()) : "Not rated yet";

const REJECTIONS: Record<string, string> = {
  ABUSIVE_CONTENT:
    "WhatsApp found content that breaks its policies (abusive, threatening or otherwise not allowed). Rewrite the message and submit it again.",
  INCORRECT_CATEGORY:
    "The content does not match the chosen category: an offer or promotion must be marketing, an update about something the customer asked for is utility. Choose the matching category and submit again.",
  TAG_CONTENT_MISMATCH:
    "The content does not match the chosen category: an offer or promotion must be marketing, an update about something the customer asked for is utility. Choose the matching category and submit again.",
  INVALID_FORMAT:
    "WhatsApp could not accept its format: for example a variable at the very start or end, variables without clear examples, misplaced braces, or spelling mistakes. Correct it and submit again.",
  PROMOTIONAL:
    "It reads as a promotion in a category that does not allow one. Make it a marketing template, or remove the offer.",
  SCAM: "WhatsApp judged that it could mislead customers (for example asking for passwords or payment details). Rewrite it plainly and submit again.",
};

/** Why Meta rejected a template, in words; null for a template that was not rejected. */
export function rejectionWords(status: string, reason: string | null): string | null {
  const s = status.toUpperCase();
  if (s === "PAUSED")
    return "Customers reported or blocked it often, so WhatsApp paused it for a while. Improve the message before sending it again.";
  if (s === "DISABLED")
    return "WhatsApp disabled it after repeated low quality. Create a new template with different content.";
  if (s !== "REJECTED") return null;
  const code = reason?.toUpperCase();
  return (
    (code && REJECTIONS[code]) ??
    "WhatsApp did not say why. Edit it and submit again, or ask for a review in WhatsApp Manager."
  );
}

const CATEGORY_WORDS: Record<string, string> = {
  MARKETING: "marketing",
  UTILITY: "utility",
  AUTHENTICATION: "sign-in code",
};

export const categoryWords = (category: string | null) =>
  category ? (CATEGORY_WORDS[category.toUpperCase()] ?? category.toLowerCase()) : "—";

/** What went wrong with a template call to Meta, for the owner. */
export function templateErrorWords(error: GraphError): string {
  const sub = error.subcode;
  if (error.kind === "reauth")
    return "WhatsApp no longer accepts this number's connection. An owner or admin needs to re-authorize it on the WhatsApp page.";
  if (error.code === 4 || error.code === 80007 || error.code === 80008)
    return "WhatsApp is limiting how often templates can be changed right now. Try again in a while.";
  if (sub === 2388024 || /already exists/i.test(error.message))
    return "A template with this name already exists in this language. Choose another name, or edit the existing one.";
  if (sub === 2388023)
    return "A template with this name is being deleted; WhatsApp keeps the name for four weeks. Choose another name.";
  if (sub === 2388019 || sub === 2388020)
    return "This WhatsApp account has reached its limit of templates. Delete ones you no longer use first.";
  if (error.code === -2) return "WhatsApp could not be reached. Nothing was changed; try again.";
  const said = error.userMessage ?? error.details ?? error.message;
  return `WhatsApp refused it: ${said}`;
}
