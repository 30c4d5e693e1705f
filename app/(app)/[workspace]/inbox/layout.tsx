import type { ReactNode } from "react";
import { InboxList } from "@/components/inbox/inbox-list";
import { InboxShell } from "@/components/inbox/inbox-shell";
import { LiveInbox } from "@/components/inbox/live-inbox";
import { listLabels } from "@/db/queries/inbox-tools";
import { listMembers } from "@/db/queries/members";
import { getNotificationPreferences } from "@/db/queries/notification-preferences";
import { requireWorkspace } from "@/lib/auth/workspace";
import { readInboxPage } from "@/lib/inbox/read-inbox";

type Props = { children: ReactNode; params: Promise<{ workspace: string }> };

// The list stays mounted while the agent moves between conversations, with its tab and search.
export default async function InboxLayout({ children, params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  const [initial, members, labels, prefs] = await Promise.all([
    readInboxPage(ctx, { filter: "all" }),
    listMembers(ctx.db, { workspaceId: ctx.workspace.id }),
    listLabels(ctx.db, { workspaceId: ctx.workspace.id }),
    getNotificationPreferences(ctx.db, ctx.user.id),
  ]);
  return (
    <LiveInbox slug={slug} userId={ctx.user.id} prefs={prefs}>
      <InboxShell
        list={
          <InboxList
            slug={slug}
            initial={initial}
            userId={ctx.user.id}
            labels={labels}
            members={members.map((m) => ({ id: m.userId, name: m.name ?? m.email ?? "Member" }))}
          />
        }
      >
        {children}
      </InboxShell>
    </LiveInbox>
  );
}
