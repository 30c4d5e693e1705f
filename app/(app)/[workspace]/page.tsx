import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LeaveWorkspace } from "@/components/workspace/leave-workspace";
import { listWorkspaceChannels } from "@/db/queries/channels";
import { countFaqs } from "@/db/queries/faqs";
import { countMessagesSince, listRecentConversations } from "@/db/queries/overview";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getEnv } from "@/lib/env";
import { RecentConversations } from "./_components/recent-conversations";
import { SetupChecklist } from "./_components/setup-checklist";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ workspace: string }> };

export default async function OverviewPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug);
  const since = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const [channels, recent, week, faqCount] = await Promise.all([
    listWorkspaceChannels(ctx.db, ctx.workspace.id),
    listRecentConversations(ctx.db, { workspaceId: ctx.workspace.id, limit: 10 }),
    countMessagesSince(ctx.db, { workspaceId: ctx.workspace.id, since }),
    countFaqs(ctx.db, ctx.workspace.id),
  ]);
  const manages = can(ctx.role, "channels.manage");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{ctx.workspace.name}</h1>
        <p className="mt-1 text-sm text-zinc-600">
          {week.inbound} messages from customers and {week.outbound} replies in the last 7 days.
        </p>
      </div>
      {manages && (
        <SetupChecklist
          slug={slug}
          sandbox={getEnv().sandbox}
          connected={channels.some((c) => c.status === "connected")}
          hasFaqs={faqCount > 0}
          hasMessages={recent.length > 0}
        />
      )}
      <Card title="Latest conversations" description="The most recent customers who wrote to you.">
        <RecentConversations slug={slug} rows={recent} />
      </Card>
      {channels.length === 0 && !manages && (
        <p className="text-sm text-zinc-600">
          No WhatsApp number is connected yet. An owner or admin of the workspace can connect one.
        </p>
      )}
      {!manages && (
        <Card
          title="Leave this workspace"
          description="You lose access until someone invites you again."
        >
          <LeaveWorkspace slug={slug} name={ctx.workspace.name} lastOwner={false} />
        </Card>
      )}
      {channels.length === 0 && manages && (
        <p className="text-sm text-zinc-600">
          Start by{" "}
          <Link
            href={`/${slug}/whatsapp` as never}
            className="font-medium text-brand-700 underline"
          >
            connecting your WhatsApp number
          </Link>
          .
        </p>
      )}
    </div>
  );
}
