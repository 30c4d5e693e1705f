"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { BroadcastProgress } from "@/db/queries/broadcasts";
import { ProgressBar } from "./progress-bar";
import { BroadcastStatusBadge } from "./status-badge";

type Live = { status: string; progress: BroadcastProgress };
type Props = { slug: string; broadcastId: string; initial: Live };

const ACTIVE = new Set(["scheduled", "sending"]);

/** The progress bar and counts, refreshed every two seconds while the broadcast is under way. */
export function LiveProgress({ slug, broadcastId, initial }: Props) {
  const router = useRouter();
  const live = useQuery({
    queryKey: ["broadcast-progress", slug, broadcastId],
    queryFn: async (): Promise<Live> => {
      const res = await fetch(`/${slug}/broadcasts/${broadcastId}/progress`, { cache: "no-store" });
      if (!res.ok) throw new Error("The progress could not be read.");
      return (await res.json()) as Live;
    },
    initialData: initial,
    // Statuses keep arriving for a while after the last send: delivered, read, replies.
    refetchInterval: (q) => (ACTIVE.has(q.state.data?.status ?? "") ? 2000 : 10_000),
  });
  const { status, progress: p } = live.data;
  // The recipients table below is server-rendered: refreshed when the counts change.
  const counted = JSON.stringify([status, p]);
  const seen = useRef(counted);
  useEffect(() => {
    if (seen.current !== counted) {
      seen.current = counted;
      router.refresh();
    }
  }, [counted, router]);

  const counts = [
    { label: "Sent", value: p.sent, testId: "count-sent" },
    { label: "Delivered", value: p.delivered, testId: "count-delivered" },
    { label: "Read", value: p.read, testId: "count-read" },
    { label: "Replied", value: p.replied, testId: "count-replied" },
    { label: "Failed", value: p.failed, testId: "count-failed" },
    { label: "Not sent", value: p.skipped + p.cancelled, testId: "count-not-sent" },
  ];
  return (
    <section
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid="broadcast-progress"
    >
      <div className="flex items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <BroadcastStatusBadge status={status} />
          <span className="text-sm text-zinc-600">
            {p.total - p.pending} of {p.total} done
          </span>
        </div>
      </div>
      <ProgressBar progress={p} />
      <dl className="grid grid-cols-3 gap-3 sm:grid-cols-6">
        {counts.map((c) => (
          <div key={c.label} className="rounded-lg bg-zinc-50 px-3 py-2">
            <dt className="text-xs text-zinc-500">{c.label}</dt>
            <dd className="text-xl font-semibold" data-testid={c.testId}>
              {c.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
