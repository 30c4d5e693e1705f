import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { listOutgoingDeliveries, listOutgoingWebhooks } from "@/db/queries/outgoing-webhooks";
import { requireWorkspace } from "@/lib/auth/workspace";
import { describeWhen } from "@/lib/format/when";
import { EVENT_LABELS } from "@/lib/validations/outgoing-webhooks";
import { CreateWebhookForm } from "./_components/create-webhook-form";
import { WebhookActions } from "./_components/webhook-actions";

export const metadata: Metadata = { title: "Webhooks" };

type Props = { params: Promise<{ workspace: string }> };

const STATUS_STYLES = {
  delivered: "bg-emerald-100 text-emerald-900",
  pending: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
} as const;

const VERIFY_EXAMPLE = `// Node.js: the raw body as received, before any JSON parsing
const [t, v1] = req.headers["parley-signature"].split(",").map((p) => p.split("=")[1]);
const expected = crypto.createHmac("sha256", process.env.PARLEY_WEBHOOK_SECRET)
  .update(\`\${t}.\${rawBody}\`).digest("hex");
const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
if (!fresh || !crypto.timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(expected, "hex"))) {
  return res.status(400).end();
}`;

export default async function WebhooksPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "api_keys.manage");
  const hooks = await listOutgoingWebhooks(ctx.db, { workspaceId: ctx.workspace.id });
  const logs = await Promise.all(
    hooks.map((h) =>
      listOutgoingDeliveries(ctx.db, { workspaceId: ctx.workspace.id, webhookId: h.id, limit: 20 }),
    ),
  );
  return (
    <>
      <Card
        title="Add a webhook endpoint"
        description={`Parley posts ${ctx.workspace.name}'s events to your server as they happen: new customer messages, replies, delivery statuses, hand-offs and opt-outs. Failed deliveries are retried for a day.`}
      >
        <CreateWebhookForm slug={slug} />
      </Card>
      {hooks.length === 0 ? (
        <Card title="Endpoints">
          <p className="text-sm text-zinc-500">No endpoints yet.</p>
        </Card>
      ) : (
        hooks.map((h, i) => (
          <Card
            key={h.id}
            title={<span className="font-mono text-sm break-all">{h.url}</span>}
            description={
              h.disabledAt
                ? `Off since ${describeWhen(h.disabledAt)}. ${h.disabledReason ?? ""}`
                : `On · ${h.events.length} event${h.events.length === 1 ? "" : "s"}`
            }
          >
            <div className="space-y-4" data-testid="webhook-endpoint">
              <ul className="flex flex-wrap gap-2">
                {h.events.map((e) => (
                  <li
                    key={e}
                    title={EVENT_LABELS[e]}
                    className="rounded bg-zinc-100 px-2 py-0.5 font-mono text-xs text-zinc-700"
                  >
                    {e}
                  </li>
                ))}
              </ul>
              <WebhookActions slug={slug} id={h.id} url={h.url} enabled={!h.disabledAt} />
              <div>
                <h3 className="text-sm font-semibold text-zinc-800">Latest deliveries</h3>
                {(logs[i] ?? []).length === 0 ? (
                  <p className="mt-1 text-sm text-zinc-500">Nothing sent yet.</p>
                ) : (
                  <table className="mt-2 w-full text-left text-sm">
                    <thead className="text-xs text-zinc-500">
                      <tr>
                        <th className="py-1 font-medium">Event</th>
                        <th className="py-1 font-medium">Result</th>
                        <th className="py-1 font-medium">Attempts</th>
                        <th className="py-1 font-medium">Last answer</th>
                        <th className="py-1 font-medium">When</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-zinc-100">
                      {(logs[i] ?? []).map((d) => (
                        <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                          <td className="py-1.5 font-mono text-xs">{d.event}</td>
                          <td className="py-1.5">
                            <span
                              className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[d.status]}`}
                            >
                              {d.status === "pending" && d.attempts > 0
                                ? `retrying ${describeWhen(d.nextAttemptAt)}`
                                : d.status}
                            </span>
                          </td>
                          <td className="py-1.5">{d.attempts}</td>
                          <td className="py-1.5 text-zinc-600">
                            {d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "–")}
                          </td>
                          <td className="py-1.5 text-zinc-600">{describeWhen(d.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </div>
          </Card>
        ))
      )}
      <Card title="Checking a delivery">
        <div className="space-y-2 text-sm text-zinc-700">
          <p>
            Each delivery is a POST with a JSON body{" "}
            <code className="font-mono text-xs">{`{"id","type","createdAt","workspaceId","data"}`}</code>{" "}
            and a <code className="font-mono text-xs">Parley-Signature: t=…,v1=…</code> header:{" "}
            <code className="font-mono text-xs">v1</code> is the HMAC-SHA256, with the endpoint's
            secret, of the time <code className="font-mono text-xs">t</code>, a dot and the body.
            Answer with any 2xx within 10 seconds. An event may arrive more than once; its{" "}
            <code className="font-mono text-xs">id</code> tells a repeat.
          </p>
          <pre className="overflow-x-auto rounded-lg bg-zinc-900 px-4 py-3 font-mono text-xs text-zinc-100">
            {VERIFY_EXAMPLE}
          </pre>
        </div>
      </Card>
    </>
  );
}
