import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { LeaveWorkspace } from "@/components/workspace/leave-workspace";
import { listAuditLog } from "@/db/queries/audit-log";
import { countOwners } from "@/db/queries/members";
import { getReminderMinutes } from "@/db/queries/workspaces";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getEnv } from "@/lib/env";
import { ActivityList } from "./_components/activity-list";
import { ReminderForm } from "./_components/reminder-form";
import { RenameForm } from "./_components/rename-form";

export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ workspace: string }> };

export default async function GeneralSettingsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "workspace.rename");
  const workspaceId = ctx.workspace.id;
  const [owners, activity, reminderMinutes] = await Promise.all([
    countOwners(ctx.db, { workspaceId }),
    can(ctx.role, "audit.view") ? listAuditLog(ctx.db, { workspaceId, limit: 20 }) : null,
    getReminderMinutes(ctx.db, workspaceId),
  ]);
  const lastOwner = ctx.role === "owner" && owners <= 1;
  return (
    <>
      <Card title="Workspace name" description={`Its address stays /${slug}.`}>
        <RenameForm slug={slug} name={ctx.workspace.name} />
      </Card>
      <Card
        title="Reminders"
        description="When a customer writes in a conversation assigned to someone and nobody opens it, its assignee gets an e-mail."
      >
        <ReminderForm slug={slug} minutes={reminderMinutes} emailOn={getEnv().smtp !== null} />
      </Card>
      {activity && (
        <Card title="Recent activity" description="The last 20 changes made in this workspace.">
          <ActivityList entries={activity} />
        </Card>
      )}
      <Card
        title="Leave this workspace"
        description="You lose access until someone invites you again."
      >
        <LeaveWorkspace slug={slug} name={ctx.workspace.name} lastOwner={lastOwner} />
      </Card>
    </>
  );
}
