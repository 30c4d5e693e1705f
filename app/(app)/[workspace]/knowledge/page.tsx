import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { listKnowledgeSources } from "@/db/queries/knowledge";
import { requireWorkspace } from "@/lib/auth/workspace";
import { AddDocument } from "./_components/add-document";
import { AddText } from "./_components/add-text";
import { AddWebsite } from "./_components/add-website";
import { RefreshWhileProcessing } from "./_components/refresh-while-processing";
import { SourceList } from "./_components/source-list";

export const metadata: Metadata = { title: "Knowledge" };

type Props = { params: Promise<{ workspace: string }> };

export default async function KnowledgePage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "bot.manage");
  const sources = await listKnowledgeSources(ctx.db, { workspaceId: ctx.workspace.id });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Knowledge</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          Documents, text and web pages the bot may answer from. When no FAQ entry matches a
          customer&apos;s question, the AI is shown the passages closest to it, and each answer
          records which ones it used. Without an AI provider, knowledge is not used in answers.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Upload a document">
          <AddDocument slug={slug} />
        </Card>
        <Card title="Paste text">
          <AddText slug={slug} />
        </Card>
        <Card title="Add a website">
          <AddWebsite slug={slug} />
        </Card>
      </div>
      <Card
        title="Sources"
        description={sources.length === 0 ? undefined : `${sources.length} in all`}
      >
        {sources.length === 0 ? (
          <p className="text-sm text-zinc-600" data-testid="knowledge-empty">
            No sources yet. Add your price list, menu, policies or website above.
          </p>
        ) : (
          <SourceList slug={slug} sources={sources} />
        )}
      </Card>
      <RefreshWhileProcessing active={sources.some((s) => s.status === "processing")} />
    </div>
  );
}
