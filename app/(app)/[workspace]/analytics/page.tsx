import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { getBotSettings } from "@/db/queries/bot-settings";
import { readWorkspaceReport } from "@/lib/analytics/read-report";
import { readUnansweredGroups } from "@/lib/analytics/unanswered-groups";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { aiAnswers } from "@/lib/bot/workspace-providers";
import { knowledgeDrafts } from "@/lib/knowledge/suggest";
import { ActivitySection } from "./_components/activity-section";
import { AiSection } from "./_components/ai-section";
import { AnswersSection } from "./_components/answers-section";
import { BusiestHours } from "./_components/busiest-hours";
import { CsatSection } from "./_components/csat-section";
import { DeliverySection } from "./_components/delivery-section";
import { HandoffsSection } from "./_components/handoffs-section";
import { Headline } from "./_components/headline";
import { MetaMessagingSection } from "./_components/meta-messaging-section";
import { RangePicker } from "./_components/range-picker";
import { UnansweredSection } from "./_components/unanswered-section";

export const metadata: Metadata = { title: "Analytics" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function AnalyticsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "analytics.view");
  const {
    range,
    span,
    report,
    timeZone: timezone,
  } = await readWorkspaceReport(ctx, await searchParams);
  const { keyring, ai } = await getReplyDeps();
  const aiActive = aiAnswers({ keyring, ai }, await getBotSettings(ctx.db, ctx.workspace.id));
  const unanswered = await readUnansweredGroups(
    { db: ctx.db, keyring, ai },
    { ...span, limit: 20 },
  );
  // A passage of the workspace's knowledge that may answer a gap, offered as a draft answer.
  const drafts = await knowledgeDrafts(
    ctx.db,
    ctx.workspace.id,
    unanswered.groups.map((g) => ({ key: g.key, text: g.title })),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Analytics</h1>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600">
            What your bot answered, what it cost and where customers still needed a person. Days are
            in your business&apos;s time zone ({timezone}).
          </p>
        </div>
        <RangePicker slug={slug} range={range} />
      </div>
      {range.adjusted && <Notice tone="info">{range.adjusted}</Notice>}
      <Headline report={report} />
      <AnswersSection report={report} />
      <UnansweredSection
        slug={slug}
        unanswered={unanswered}
        drafts={drafts}
        timeZone={timezone}
        ai={aiActive}
      />
      <ActivitySection report={report} />
      <AiSection slug={slug} report={report} />
      <MetaMessagingSection report={report} />
      <DeliverySection delivery={report.delivery} />
      <HandoffsSection handoffs={report.handoffs} optOuts={report.optOuts} />
      <CsatSection csat={report.csat} />
      <BusiestHours cells={report.busiestHours} />
    </div>
  );
}
