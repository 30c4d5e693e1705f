import type { Csat } from "@/db/queries/analytics/csat";
import { formatPercent } from "@/lib/analytics/format";
import { ratingTitle } from "@/lib/csat/rating-buttons";
import { Section } from "./figure";

/** Customers' ratings of the conversations people closed: overall and per agent. */
export function CsatSection({ csat: c }: { csat: Csat }) {
  return (
    <Section
      title="Customer ratings"
      description="After a person closes a conversation, the customer can rate it Great, OK or Poor (turn this on in Settings › Inbox). Good means “Great”; the rating counts for the person the conversation was assigned to, or who closed it."
    >
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        <div>
          <dt className="text-zinc-600">Good ratings (CSAT)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-csat">
            {formatPercent(c.goodShare)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">Ratings</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-csat-ratings">
            {c.rated}
            <span className="block text-xs font-normal text-zinc-600">
              {c.byScore.map((s) => `${s.count} ${ratingTitle(s.score)}`).join(" · ")}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">Response rate</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-csat-response">
            {formatPercent(c.responseRate)}
            <span className="block text-xs font-normal text-zinc-600">of {c.asked} asked</span>
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">Not asked</dt>
          <dd className="text-lg font-semibold tabular-nums">
            {c.notSent}
            <span className="block text-xs font-normal text-zinc-600">
              outside the 24-hour window, or opted out
            </span>
          </dd>
        </div>
      </dl>
      {c.byAgent.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Ratings per agent">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1.5 font-medium">Agent</th>
                <th className="py-1.5 text-right font-medium">Good</th>
                <th className="py-1.5 text-right font-medium">Ratings</th>
                <th className="py-1.5 text-right font-medium">Answered</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {c.byAgent.map((a) => (
                <tr key={a.agentId ?? "former"} data-testid="csat-agent">
                  <td className="py-1.5 text-zinc-700">{a.name ?? "A former member"}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatPercent(a.goodShare)}</td>
                  <td className="py-1.5 text-right tabular-nums">{a.rated}</td>
                  <td className="py-1.5 text-right tabular-nums">
                    {formatPercent(a.responseRate)}
                    <span className="text-xs text-zinc-500"> of {a.asked}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
