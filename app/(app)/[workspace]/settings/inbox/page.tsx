import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { getBotSettings } from "@/db/queries/bot-settings";
import { listCannedReplies, listLabels } from "@/db/queries/inbox-tools";
import { requireWorkspace } from "@/lib/auth/workspace";
import { DEFAULT_RATING_QUESTION } from "@/lib/csat/rating-buttons";
import { CANNED_VARIABLES } from "@/lib/inbox/canned-variables";
import { CannedReplies } from "./_components/canned-replies";
import { Labels } from "./_components/labels";
import { RatingSettings } from "./_components/rating-settings";

export const metadata: Metadata = { title: "Inbox settings" };

type Props = { params: Promise<{ workspace: string }> };

export default async function InboxSettingsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "inbox.manage");
  const scope = { workspaceId: ctx.workspace.id };
  const [replies, labels, settings] = await Promise.all([
    listCannedReplies(ctx.db, scope),
    listLabels(ctx.db, scope),
    getBotSettings(ctx.db, ctx.workspace.id),
  ]);
  return (
    <>
      <Card
        title="Canned replies"
        description={
          <>
            Answers your team sends often. In the inbox, type{" "}
            <kbd className="rounded border px-1">/</kbd> in the reply box, then the shortcut or part
            of the title, and press Enter to insert one. The agent can edit it before sending.
          </>
        }
      >
        <CannedReplies
          slug={slug}
          replies={replies}
          variables={Object.entries(CANNED_VARIABLES).map(([name, meaning]) => ({ name, meaning }))}
        />
      </Card>
      <Card
        title="Labels"
        description="Sort conversations by topic or stage (e.g. Order, Refund, VIP). Agents set them from a conversation's header or on several conversations at once, and filter the inbox by them."
      >
        <Labels slug={slug} labels={labels} />
      </Card>
      <Card
        title="Customer ratings"
        description="Ask customers how the conversation went when your team closes it, and see the answers per agent under Analytics."
      >
        <RatingSettings
          slug={slug}
          enabled={settings.csatEnabled}
          question={settings.csatQuestion ?? ""}
          defaultQuestion={DEFAULT_RATING_QUESTION}
        />
      </Card>
    </>
  );
}
