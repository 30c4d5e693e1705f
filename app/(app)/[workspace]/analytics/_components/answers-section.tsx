import { DailyBars } from "@/components/analytics/daily-bars";
import type { AnalyticsReport } from "@/db/queries/analytics/report";
import { formatPercent } from "@/lib/analytics/format";
import { Section } from "./figure";

export const SOURCE_SERIES = [
  { key: "faq", label: "FAQ", color: "#059669" },
  { key: "ai", label: "AI", color: "#0284c7" },
  { key: "human", label: "A person", color: "#7c3aed" },
  { key: "fallback", label: "Not known (fallback)", color: "#f59e0b" },
  { key: "system", label: "Notices", color: "#a1a1aa" },
];

/** How each reply was produced, per day, with the FAQ's share of the questions. */
export function AnswersSection({ report }: { report: AnalyticsReport }) {
  const t = report.answers.total;
  return (
    <Section
      title="How customers were answered"
      description="Replies by where they came from: your FAQ, the AI, a person, the fallback message when the bot did not know, and notices such as the welcome or away message. The FAQ hit rate is the share of the questions the bot tried to answer that the FAQ answered; messages outside business hours, over the limits or in a conversation a person had are not among them."
    >
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="answer-totals">
        {SOURCE_SERIES.map((s) => (
          <div key={s.key} className="flex items-center gap-1.5">
            <span className="size-2.5 rounded-full" style={{ background: s.color }} />
            <dt className="text-zinc-600">{s.label}</dt>
            <dd className="font-semibold tabular-nums" data-testid={`answers-${s.key}`}>
              {t[s.key as keyof typeof t] ?? 0}
            </dd>
          </div>
        ))}
        <div className="flex items-center gap-1.5">
          <dt className="text-zinc-600">FAQ hit rate</dt>
          <dd className="font-semibold tabular-nums">{formatPercent(t.faqHitRate)}</dd>
        </div>
      </dl>
      <DailyBars
        label="Replies per day by source"
        data={report.answers.days}
        series={SOURCE_SERIES}
        stacked
      />
    </Section>
  );
}
