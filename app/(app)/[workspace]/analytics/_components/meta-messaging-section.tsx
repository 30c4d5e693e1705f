import type { AnalyticsReport } from "@/db/queries/analytics/report";
import { formatUsd } from "@/lib/analytics/format";
import { DEFAULT_RATES_AS_OF } from "@/lib/pricing/default-rates";
import { Figure, Section } from "./figure";

const count = (n: number) => n.toLocaleString("en");

/** What Meta charges for the messages sent, per pricing category, beside what the AI cost. */
export function MetaMessagingSection({ report }: { report: AnalyticsReport }) {
  const meta = report.metaMessaging;
  const aiMicros = report.aiUsage.total.costMicros + report.transcription.total.costMicros;
  const unpriced = meta.categories.reduce((n, c) => n + c.unpriced, 0);
  return (
    <Section
      title="WhatsApp messaging cost (Meta)"
      description="Meta charges per message delivered, by the customer's country and the message's category. Replies inside the 24-hour window after a customer writes are free, and so are utility templates sent inside it; marketing, authentication and other templates are charged."
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Figure
          name="meta-cost"
          label="Meta messaging (estimated)"
          value={formatUsd(meta.totalMicros)}
          hint={`${count(meta.charged)} charged, ${count(meta.free)} free`}
        />
        <Figure
          name="meta-ai-cost"
          label="AI (estimated)"
          value={formatUsd(aiMicros)}
          hint="Answers and voice notes, as above"
        />
        <Figure
          name="meta-total-cost"
          label="Together"
          value={formatUsd(meta.totalMicros + aiMicros)}
        />
      </div>
      {meta.categories.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No message sent in this period has Meta&apos;s pricing yet. Meta reports what it charges
          once a message is sent.
        </p>
      ) : (
        <table className="w-full text-sm" aria-label="Meta messaging cost per category">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Category</th>
              <th className="py-1 text-right font-medium">Charged</th>
              <th className="py-1 text-right font-medium">Free</th>
              <th className="py-1 text-right font-medium">Rate</th>
              <th className="py-1 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {meta.categories.map((c) => (
              <tr key={c.category} data-testid="meta-category" data-category={c.category}>
                <td className="py-2">{c.label}</td>
                <td className="py-2 text-right tabular-nums">{count(c.charged)}</td>
                <td className="py-2 text-right tabular-nums">{count(c.free)}</td>
                <td className="py-2 text-right tabular-nums text-zinc-600">
                  {c.charged === 0
                    ? "–"
                    : c.rateMicros === null
                      ? "by country"
                      : `${count(c.charged)} × ${formatUsd(c.rateMicros)}`}
                </td>
                <td className="py-2 text-right tabular-nums" data-testid="meta-category-cost">
                  {formatUsd(c.costMicros)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs text-zinc-500" data-testid="meta-cost-note">
        Estimates from{" "}
        {meta.rateSource === "operator"
          ? "the rate table your Parley operator keeps"
          : `Meta's published rates as of ${DEFAULT_RATES_AS_OF}`}
        , in US dollars; Meta&apos;s invoice is what you pay (it may apply volume discounts or newer
        rates).
        {unpriced > 0 &&
          ` ${count(unpriced)} charged message${unpriced === 1 ? " has" : "s have"} no rate in the table and count as $0.`}
      </p>
    </Section>
  );
}
