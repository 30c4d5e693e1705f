import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { listCannedReplies, listLabels } from "@/db/queries/inbox-tools";
import { requireWorkspace } from "@/lib/auth/workspace";
import { CANNED_VARIABLES } from "@/lib/inbox/canned-variables";
import { CannedReplies } from "./_components/canned-replies";
import { Labels } from "./_components/labels";

export const metadata: Metadata = { title: "Inbox settings" };

type Props = { params: Promise<{ workspace: string }> };

export default async function InboxSettingsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "inbox.manage");
  const scope = { workspaceId: ctx.workspace.id };
  const [replies, labels] = await Promise.all([
    listCannedReplies(ctx.db, scope),
    listLabels(ctx.db, scope),
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
    </>
  );
}
