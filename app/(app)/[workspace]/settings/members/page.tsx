import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { listPendingInvitations } from "@/db/queries/invitations";
import { listMembers } from "@/db/queries/members";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getEnv } from "@/lib/env";
import { InvitationsTable } from "./_components/invitations-table";
import { InviteForm } from "./_components/invite-form";
import { MembersTable } from "./_components/members-table";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ workspace: string }> };

export default async function MembersPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "members.manage");
  const [members, invitations] = await Promise.all([
    listMembers(ctx.db, { workspaceId: ctx.workspace.id }),
    listPendingInvitations(ctx.db, { workspaceId: ctx.workspace.id }),
  ]);
  return (
    <>
      <Card
        title="Invite someone"
        description="They get a link that works once, for 7 days, for the address you enter."
      >
        <InviteForm slug={slug} actorRole={ctx.role} mailConfigured={getEnv().smtp !== null} />
      </Card>
      <Card
        title="Members"
        description={`${members.length} ${members.length === 1 ? "person" : "people"} in ${ctx.workspace.name}.`}
      >
        <MembersTable slug={slug} members={members} actor={{ id: ctx.user.id, role: ctx.role }} />
      </Card>
      <Card
        title="Pending invitations"
        description="Links can't be shown again after they are created; revoke one and invite again for a new link."
      >
        <InvitationsTable slug={slug} invitations={invitations} />
      </Card>
    </>
  );
}
