import type { AnalyticsReport } from "@/db/queries/analytics/report";
import { formatDuration, formatPercent, formatUsd } from "@/lib/analytics/format";
import { Figure } from "./figure";

const sum = <T,>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);

/** The answers to "is the bot worth it" at a glance. */
export function Headline({ report: r }: { report: AnalyticsReport }) {
  const t = r.answers.total;
  const botAnswered = t.faq + t.ai;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <Figure
        name="messages-in"
        label="Messages from customers"
        value={sum(r.messages, (d) => d.inbound).toLocaleString("en")}
        hint={`${sum(r.messages, (d) => d.outbound).toLocaleString("en")} sent by the business`}
      />
      <Figure
        name="conversations-started"
        label="New customers"
        value={sum(r.conversationsStarted, (d) => d.started).toLocaleString("en")}
        hint={`${r.activeContacts.total.toLocaleString("en")} customers wrote`}
      />
      <Figure
        name="bot-answered"
        label="Answered by the bot"
        value={`${botAnswered.toLocaleString("en")} of ${t.questions.toLocaleString("en")}`}
        hint={`Of the questions it tried: ${t.faq} from the FAQ, ${t.ai} by the AI, ${t.fallback} not known`}
      />
      <Figure
        name="faq-hit-rate"
        label="FAQ hit rate"
        value={formatPercent(t.faqHitRate)}
        hint="Questions answered from your FAQ"
      />
      <Figure
        name="bot-response"
        label="Bot's first reply (median)"
        value={formatDuration(r.responseTimes.bot.medianMs)}
        hint={`90% within ${formatDuration(r.responseTimes.bot.p90Ms)}, notices included`}
      />
      <Figure
        name="people-response"
        label="People's first response (median)"
        value={formatDuration(r.responseTimes.people.medianMs)}
        hint={`Of those answered within a day, 90% within ${formatDuration(r.responseTimes.people.p90Ms)}; ${r.responseTimes.people.unanswered} not answered within a day`}
      />
      <Figure
        name="ai-cost"
        label="AI cost (estimated)"
        value={formatUsd(r.aiUsage.total.costMicros + r.transcription.total.costMicros)}
        hint={`${r.aiUsage.total.replies.toLocaleString("en")} AI answers${
          r.aiUsage.total.helpCalls > 0
            ? `, ${r.aiUsage.total.helpCalls.toLocaleString("en")} uses of AI help in the inbox`
            : ""
        }${
          r.transcription.total.notes > 0
            ? `, ${r.transcription.total.notes.toLocaleString("en")} voice notes transcribed`
            : ""
        }`}
      />
      <Figure
        name="handoffs"
        label="Handed to a person"
        value={r.handoffs.count.toLocaleString("en")}
        hint={`${r.optOuts.optedOut} opted out of automatic messages, ${r.optOuts.optedIn} opted back in`}
      />
    </div>
  );
}
