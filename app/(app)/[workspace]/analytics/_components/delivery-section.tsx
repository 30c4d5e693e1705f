import type { DeliveryFunnel } from "@/db/queries/analytics/delivery";
import { describeFailure } from "@/lib/whatsapp/failure-reasons";
import { Section } from "./figure";

/** How far the business's messages got, and why the failed ones failed. */
export function DeliverySection({ delivery: d }: { delivery: DeliveryFunnel }) {
  const stages = [
    { key: "sent", label: "Accepted by WhatsApp", value: d.sent },
    { key: "delivered", label: "Delivered", value: d.delivered },
    { key: "read", label: "Read", value: d.read },
    { key: "failed", label: "Failed", value: d.failed },
  ];
  const widest = Math.max(1, d.outbound);
  return (
    <Section
      title="Delivery"
      description={`${d.outbound.toLocaleString("en")} messages sent by the business; each counts in every stage it reached.`}
    >
      <dl className="space-y-1.5">
        {stages.map((s) => (
          <div key={s.key} className="grid grid-cols-[10rem_1fr_4rem] items-center gap-3 text-sm">
            <dt className="text-zinc-600">{s.label}</dt>
            <dd className="h-3 rounded bg-zinc-100">
              <div
                className={
                  s.key === "failed" ? "h-3 rounded bg-red-500" : "h-3 rounded bg-brand-500"
                }
                style={{ width: `${(100 * s.value) / widest}%` }}
              />
            </dd>
            <dd className="text-right font-semibold tabular-nums" data-testid={`delivery-${s.key}`}>
              {s.value.toLocaleString("en")}
            </dd>
          </div>
        ))}
      </dl>
      {d.failures.length > 0 && (
        <table className="w-full text-sm" aria-label="Failures by reason">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Why messages failed</th>
              <th className="py-1 text-right font-medium">Messages</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {d.failures.map((f) => {
              const reason = describeFailure(f.errorCode, null);
              return (
                <tr key={f.errorCode ?? "none"} data-testid="delivery-failure-row">
                  <td className="py-2">
                    <p className="font-medium text-zinc-900">
                      {reason.title}
                      {f.errorCode !== null && (
                        <span className="ml-1.5 text-xs font-normal text-zinc-500">
                          code {f.errorCode}
                        </span>
                      )}
                    </p>
                    <p className="text-xs text-zinc-600">{reason.advice}</p>
                  </td>
                  <td className="py-2 text-right align-top tabular-nums">{f.count}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
