import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getBroadcast, getProgress, listRecipients } from "@/db/queries/broadcasts";
import { requireWorkspace } from "@/lib/auth/workspace";
import { recipientResource } from "@/lib/broadcasts/api-broadcasts";
import { CancelBroadcast } from "../_components/cancel-broadcast";
import { LiveProgress } from "../_components/live-progress";
import { RecipientTable } from "../_components/recipient-table";

export const metadata: Metadata = { title: "Broadcast" };

const PAGE_SIZE = 50;

type Props = {
  params: Promise<{ workspace: string; broadcastId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const when = (d: Date) =>
  `${d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

export default async function BroadcastPage({ params, searchParams }: Props) {
  const { workspace: slug, broadcastId } = await params;
  const ctx = await requireWorkspace(slug, "broadcasts.manage");
  const workspaceId = ctx.workspace.id;
  const id = z.uuid().safeParse(broadcastId);
  const b = id.success ? await getBroadcast(ctx.db, { workspaceId, id: id.data }) : null;
  if (!b) notFound();
  const { after } = await searchParams;
  const afterId = z.uuid().safeParse(after);
  const scope = { workspaceId, broadcastId: b.id };
  const [progress, page] = await Promise.all([
    getProgress(ctx.db, scope),
    listRecipients(ctx.db, {
      ...scope,
      after: afterId.success ? afterId.data : undefined,
      limit: PAGE_SIZE,
    }),
  ]);
  const audience = [
    b.audience.tags.length > 0
      ? `contacts tagged ${b.audience.tags.join(b.audience.tagMatch === "all" ? " and " : " or ")}`
      : "every contact",
    ...b.audience.attributes.map((a) => `${a.key} is “${a.value}”`),
  ].join(", ");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href={`/${slug}/broadcasts`} className="text-sm text-zinc-500 hover:underline">
            ← Broadcasts
          </Link>
          <h1 className="mt-1 text-2xl font-bold tracking-tight">{b.name}</h1>
          <p className="mt-1 text-sm text-zinc-600">
            Template <strong>{b.template.name}</strong> ({b.template.language}) from{" "}
            {b.phoneNumber ?? "your number"} to {audience}, opted-in only.{" "}
            {b.startedAt
              ? `Started ${when(b.startedAt)}.`
              : b.scheduledAt
                ? `Starts ${when(b.scheduledAt)}.`
                : ""}
            {b.finishedAt ? ` Ended ${when(b.finishedAt)}.` : ""}
          </p>
        </div>
        {(b.status === "scheduled" || b.status === "sending" || b.status === "draft") && (
          <CancelBroadcast slug={slug} id={b.id} />
        )}
      </div>
      <LiveProgress slug={slug} broadcastId={b.id} initial={{ status: b.status, progress }} />
      <RecipientTable
        slug={slug}
        broadcastId={b.id}
        rows={page.rows.map(recipientResource)}
        next={page.next}
        first={!afterId.success}
        total={progress.total}
      />
    </div>
  );
}
