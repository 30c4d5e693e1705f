import { HANDOFF_REASONS } from "@/components/inbox/contact-label";
import type { Handoffs } from "@/db/queries/analytics/handoffs";
import { Section } from "./figure";

/** When and why the bot called a person, whether the staff alert was delivered, and opt-outs. */
export function HandoffsSection({
  handoffs: h,
  optOuts,
}: {
  handoffs: Handoffs;
  optOuts: { optedOut: number; optedIn: number };
}) {
  const reasons = h.byReason.filter((r) => r.count > 0);
  return (
    <Section
      title="Hand-offs and opt-outs"
      description="When the bot passed a conversation to a person, and customers who asked for no more automatic messages."
    >
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        <div>
          <dt className="text-zinc-600">Hand-offs</dt>
          <dd className="text-lg font-semibold tabular-nums">{h.count}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">Alerts delivered</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-alerts-delivered">
            {h.notified}
            <span className="block text-xs font-normal text-zinc-600">
              {h.notifiedByWhatsapp} by WhatsApp · {h.notifiedByEmail} by e-mail
            </span>
            {h.notifyFailed > 0 && (
              <span className="block text-xs font-normal text-red-700">
                {h.notifyFailed} not delivered
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">Taken over in the inbox</dt>
          <dd className="text-lg font-semibold tabular-nums">{h.takenOver}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">Opted out (STOP)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-opt-outs">
            {optOuts.optedOut}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">Opted back in (START)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="figure-opt-ins">
            {optOuts.optedIn}
          </dd>
        </div>
      </dl>
      {reasons.length > 0 && (
        <table className="w-full text-sm" aria-label="Hand-offs by reason">
          <tbody className="divide-y divide-zinc-100">
            {reasons.map((r) => (
              <tr key={r.reason}>
                <td className="py-1.5 text-zinc-700">{HANDOFF_REASONS[r.reason] ?? r.reason}</td>
                <td className="py-1.5 text-right tabular-nums">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
