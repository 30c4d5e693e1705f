import type { InboxTemplate, UnsendableReason } from "@/lib/whatsapp/templates";
import { alertTemplateProblem, exampleValues, previewAlert } from "./alert-template";

// The alert templates as the bot settings page shows them, and what the chosen one means for
// delivery. Plain data and pure functions: the page renders them on the server and the form
// recomputes them in the browser as the owner picks.

export type AlertTemplateOption = {
  name: string;
  language: string;
  /** Meta's review status, upper case: APPROVED, PENDING, REJECTED, PAUSED, DISABLED… */
  status: string;
  /** The alert as the escalation contact would read it (with example values); null if unreadable. */
  preview: string | null;
  /** Why it cannot carry alerts whatever its status; null when its shape fits. */
  problem: string | null;
};

export type AlertTemplatesView =
  | { kind: "no_number" }
  | { kind: "error"; message: string }
  | {
      kind: "ok";
      /** The number whose templates these are, as the owner knows it. */
      number: string;
      options: AlertTemplateOption[];
    };

export function toOption(
  status: string,
  view: InboxTemplate | Exclude<UnsendableReason, "not_approved">,
  names: { name: string; language: string },
  business: string,
): AlertTemplateOption {
  const problem = alertTemplateProblem(view);
  return {
    ...names,
    status: status.toUpperCase(),
    preview:
      typeof view === "string" || problem ? null : previewAlert(view, exampleValues(business)),
    problem,
  };
}

export const optionKey = (t: { name: string; language: string }) => `${t.name}|${t.language}`;

export const WAITING = new Set(["PENDING", "IN_APPEAL"]);

const STATUS_WORDS: Record<string, string> = {
  REJECTED: "WhatsApp rejected it",
  PAUSED: "WhatsApp paused it for low quality",
  DISABLED: "WhatsApp disabled it",
};

/** Why this option may not be chosen, in words; null when it may (approved, or waiting for review). */
export function choiceProblem(o: AlertTemplateOption): string | null {
  if (o.problem) return o.problem;
  if (o.status === "APPROVED" || WAITING.has(o.status)) return null;
  return `${STATUS_WORDS[o.status] ?? `Its status is ${o.status.toLowerCase()}`}, so it cannot carry alerts.`;
}

/** What happens to the WhatsApp alert with these settings, for the owner to read. */
export type AlertDelivery = {
  tone: "ok" | "waiting" | "warning";
  title: string;
  text: string;
};

const WHY_TEMPLATE =
  "WhatsApp lets a business write first only with a message template it has approved: free text reaches only people who wrote to your number in the last 24 hours, and the person you alert usually has not.";

export function alertDelivery(
  view: AlertTemplatesView,
  chosen: { name: string; language: string } | null,
  canEmail: boolean,
): AlertDelivery {
  const fallback = canEmail
    ? "Until then, alerts go by e-mail (when an address is set) and the conversation is flagged in the inbox."
    : "Until then, the conversation is only flagged in the inbox.";
  const cannot = (reason: string): AlertDelivery => ({
    tone: "warning",
    title: "WhatsApp alerts cannot be delivered yet",
    text: `${reason} ${WHY_TEMPLATE} ${fallback}`,
  });
  if (view.kind === "no_number") return cannot("Your WhatsApp number is not connected.");
  if (view.kind === "error") return cannot(view.message);
  if (!chosen) return cannot("No alert template is chosen.");
  const option = view.options.find((o) => optionKey(o) === optionKey(chosen));
  if (!option) {
    return cannot(`The template “${chosen.name}” is no longer on your WhatsApp number.`);
  }
  const problem = choiceProblem(option);
  if (problem) return cannot(`The template “${chosen.name}” cannot be used: ${problem}`);
  if (WAITING.has(option.status)) {
    return {
      tone: "waiting",
      title: "Waiting for WhatsApp to approve the template",
      text: `WhatsApp reviews every template before it can be sent, usually within minutes and at most 24 hours. Alerts start going out by WhatsApp as soon as it is approved. ${fallback}`,
    };
  }
  return {
    tone: "ok",
    title: "WhatsApp alerts are ready",
    text: "Alerts are sent with this approved template. Whether each one was delivered is shown in the inbox and counted in analytics.",
  };
}

/** Why the settings may not choose this template for alerts, in words; null when they may. */
export function alertChoiceProblem(
  view: AlertTemplatesView,
  chosen: { name: string; language: string },
): string | null {
  if (view.kind === "no_number") {
    return "Connect your WhatsApp number first: templates belong to the number.";
  }
  if (view.kind === "error") return view.message;
  const option = view.options.find((o) => optionKey(o) === optionKey(chosen));
  if (!option) {
    return `“${chosen.name}” (${chosen.language}) is not among your number's templates. Reload the page and choose again.`;
  }
  const problem = choiceProblem(option);
  return problem ? `“${chosen.name}” cannot carry alerts. ${problem}` : null;
}
