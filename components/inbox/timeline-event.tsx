import { ratingTitle } from "@/lib/csat/rating-buttons";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import { MessageTime } from "./message-time";
import { useInBrowser } from "./use-in-browser";

type Event = ThreadView["events"][number];

const NOT_SENT: Record<string, string> = {
  window_closed: "more than 24 hours have passed since the customer last wrote",
  opted_out: "the customer opted out of messages",
  unreachable: "the customer has no number to write to",
};

// The agent's time zone is known only in the browser: the server renders UTC, said as such.
function snoozeTime(iso: string, inBrowser: boolean): string {
  const date = new Date(iso);
  return inBrowser
    ? date.toLocaleString([], { dateStyle: "medium", timeStyle: "short" })
    : `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

function describeEvent(
  e: Event,
  who: string,
  names: Map<string, string>,
  inBrowser: boolean,
): string {
  switch (e.kind) {
    case "took_over":
      return e.body === "business_app"
        ? "The owner replied from the WhatsApp Business app, so the bot stopped"
        : `${who} took over from the bot`;
    case "handed_back":
      return `${who} handed the conversation back to the bot`;
    case "assigned":
      return `${who} assigned the conversation to ${(e.body && names.get(e.body)) || "a former member"}`;
    case "unassigned":
      return `${who} removed the assignment`;
    case "closed":
      return `${who} closed the conversation`;
    case "reopened":
      return `${who} reopened the conversation`;
    case "note":
      return `${who} wrote a note`;
    case "opted_out":
      return "The customer opted out of automatic messages";
    case "opted_in":
      return "The customer opted back in to automatic messages";
    case "labeled":
      return `${who} added the label "${e.body ?? ""}"`;
    case "unlabeled":
      return `${who} removed the label "${e.body ?? ""}"`;
    case "prioritized":
      return e.body === "none"
        ? `${who} removed the priority`
        : `${who} set the priority to ${e.body ?? ""}`;
    case "snoozed":
      return `${who} snoozed the conversation until ${e.body ? snoozeTime(e.body, inBrowser) : "later"}`;
    case "rated":
      return `The customer rated the conversation “${ratingTitle(Number(e.body))}” (${e.body ?? "?"} of 3)`;
    case "rating_not_sent":
      return `No rating request was sent: ${NOT_SENT[e.body ?? ""] ?? "it could not be sent"}`;
    case "unsnoozed":
      return e.body === "message"
        ? "The customer wrote, so the snooze ended"
        : e.body === "time"
          ? "The snooze ended"
          : `${who} ended the snooze`;
  }
}

/** The team's notes (never sent to the customer) and actions, among the messages. */
export function TimelineEvent({ event: e, names }: { event: Event; names: Map<string, string> }) {
  const who = e.actor?.name || "Someone";
  const inBrowser = useInBrowser();
  if (e.kind === "note") {
    return (
      <div
        className="mx-auto max-w-xl rounded-lg border border-amber-200 bg-amber-50 px-3 py-2"
        data-testid="note"
      >
        <p className="text-xs font-medium text-amber-900">
          Note by {who} · <MessageTime iso={e.createdAt} /> · only your team sees this
        </p>
        <p className="mt-1 text-sm whitespace-pre-wrap text-zinc-900">{e.body}</p>
      </div>
    );
  }
  return (
    <p className="text-center text-xs text-zinc-500" data-testid="timeline-event">
      {describeEvent(e, who, names, inBrowser)} · <MessageTime iso={e.createdAt} />
    </p>
  );
}
