import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { getProgress, listBroadcasts } from "@/db/queries/broadcasts";
import { requireWorkspace } from "@/lib/auth/workspace";
import { ProgressBar } from "./_components/progress-bar";
import { BroadcastStatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "Broadcasts" };

type Props = { params: Promise<{ workspace: string }> };

const when = (d: Date) =>
  d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function BroadcastsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "broadcasts.manage");
  const workspaceId = ctx.workspace.id;
  const rows = await listBroadcasts(ctx.db, { workspaceId, limit: 100 });
  const progress = await Promise.all(
    rows.map((b) => getProgress(ctx.db, { workspaceId, broadcastId: b.id })),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Broadcasts</h1>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600">
            Send an approved template to many customers at once: an offer, news, a reminder. Only
            contacts who agreed to receive marketing messages get it; replies arrive in the inbox as
            ordinary conversations, and a STOP takes the customer off every later broadcast.
          </p>
        </div>
        <Link
          href={`/${slug}/broadcasts/new`}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          New broadcast
        </Link>
      </div>
      {rows.length === 0 ? (
        <Notice title="No broadcasts yet">
          Choose a template and an audience to send your first one. Templates are created and
          approved on the Templates page.
        </Notice>
      ) : (
        <section className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="broadcast-list">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs text-zinc-500 uppercase">
              <tr>
                <th className="px-4 py-2 font-medium">Broadcast</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Recipients</th>
                <th className="w-1/3 px-4 py-2 font-medium">Progress</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((b, i) => {
                const p = progress[i];
                return (
                  <tr key={b.id}>
                    <td className="px-4 py-3">
                      <Link
                        href={`/${slug}/broadcasts/${b.id}`}
                        className="font-medium text-zinc-900 hover:underline"
                      >
                        {b.name}
                      </Link>
                      <p className="text-xs text-zinc-500">
                        {b.template.name} · {b.phoneNumber ?? "number"} ·{" "}
                        {b.status === "scheduled" && b.scheduledAt
                          ? `starts ${when(b.scheduledAt)} UTC`
                          : `created ${when(b.createdAt)} UTC`}
                      </p>
                    </td>
                    <td className="px-4 py-3">
                      <BroadcastStatusBadge status={b.status} />
                    </td>
                    <td className="px-4 py-3 text-zinc-700">{b.recipientCount ?? "—"}</td>
                    <td className="px-4 py-3">
                      {p && p.total > 0 ? (
                        <div className="space-y-1">
                          <ProgressBar progress={p} compact />
                          <p className="text-xs text-zinc-500">
                            {p.sent} sent · {p.read} read · {p.replied} replied
                            {p.failed > 0 ? ` · ${p.failed} failed` : ""}
                          </p>
                        </div>
                      ) : (
                        <span className="text-xs text-zinc-500">Not started</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
