import type { Route } from "next";
import Link from "next/link";
import { DailyBars } from "@/components/analytics/daily-bars";
import type { AnalyticsReport } from "@/db/queries/analytics/report";
import { formatUsd } from "@/lib/analytics/format";
import { Section } from "./figure";

/** What the AI answered and what it cost: per day, per model, and the costliest conversations. */
export function AiSection({ slug, report }: { slug: string; report: AnalyticsReport }) {
  const ai = report.aiUsage;
  const days = ai.days.map((d) => ({ day: d.day, cost: d.costMicros / 1_000_000 }));
  return (
    <Section
      title="AI usage and cost"
      description="Estimated from the tokens each answer and each use of AI help in the inbox used (customers' photos included) and the model's price, and from the minutes of voice notes transcribed; a model without a known price counts as $0."
    >
      {ai.total.replies + ai.total.helpCalls === 0 ? (
        <p className="text-sm text-zinc-500">
          The AI answered nothing in this period: every answer came from the FAQ, a person or the
          fallback message.
        </p>
      ) : (
        <DailyBars
          label="AI cost per day"
          data={days}
          series={[{ key: "cost", label: "Cost (USD)", color: "#0284c7" }]}
          unit="usd"
        />
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <table className="w-full text-sm" aria-label="AI usage per model">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Model</th>
              <th className="py-1 text-right font-medium">Answers</th>
              <th className="py-1 text-right font-medium">AI help</th>
              <th className="py-1 text-right font-medium">Tokens</th>
              <th className="py-1 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {ai.models.length === 0 && (
              <tr>
                <td colSpan={5} className="py-2 text-zinc-500">
                  No AI answers in this period.
                </td>
              </tr>
            )}
            {ai.models.map((m) => (
              <tr key={m.model ?? "unknown"}>
                <td className="py-2">{m.model ?? "Unknown model"}</td>
                <td className="py-2 text-right tabular-nums">{m.replies}</td>
                <td className="py-2 text-right tabular-nums">{m.helpCalls}</td>
                <td className="py-2 text-right tabular-nums">
                  {(m.promptTokens + m.completionTokens).toLocaleString("en")}
                </td>
                <td className="py-2 text-right tabular-nums">{formatUsd(m.costMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <TranscriptionTable usage={report.transcription} />
        <table className="w-full text-sm" aria-label="Costliest conversations">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Costliest conversations</th>
              <th className="py-1 text-right font-medium">AI answers</th>
              <th className="py-1 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {report.costlyConversations.length === 0 && (
              <tr>
                <td colSpan={3} className="py-2 text-zinc-500">
                  None yet.
                </td>
              </tr>
            )}
            {report.costlyConversations.map((c) => (
              <tr key={c.conversationId}>
                <td className="py-2">
                  <Link
                    href={`/${slug}/inbox/${c.conversationId}` as Route}
                    className="text-brand-700 hover:underline"
                  >
                    {c.contactName ?? (c.contactWaId ? `+${c.contactWaId}` : "Customer")}
                  </Link>
                </td>
                <td className="py-2 text-right tabular-nums">{c.aiReplies}</td>
                <td className="py-2 text-right tabular-nums">{formatUsd(c.costMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function TranscriptionTable({ usage }: { usage: AnalyticsReport["transcription"] }) {
  return (
    <table className="w-full text-sm" aria-label="Voice notes transcribed">
      <thead className="text-left text-xs text-zinc-500">
        <tr>
          <th className="py-1 font-medium">Transcription model</th>
          <th className="py-1 text-right font-medium">Voice notes</th>
          <th className="py-1 text-right font-medium">Minutes</th>
          <th className="py-1 text-right font-medium">Cost</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {usage.models.length === 0 && (
          <tr>
            <td colSpan={4} className="py-2 text-zinc-500">
              No voice notes transcribed in this period.
            </td>
          </tr>
        )}
        {usage.models.map((m) => (
          <tr key={m.model}>
            <td className="py-2">{m.model}</td>
            <td className="py-2 text-right tabular-nums">{m.notes}</td>
            <td className="py-2 text-right tabular-nums">
              {(m.seconds / 60).toLocaleString("en", { maximumFractionDigits: 1 })}
            </td>
            <td className="py-2 text-right tabular-nums">{formatUsd(m.costMicros)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
