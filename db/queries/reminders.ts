import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { queryRows } from "../rows";

export type DueReminder = {
  workspaceId: string;
  workspaceName: string;
  slug: string;
  conversationId: string;
  email: string;
  assigneeName: string | null;
  contactName: string | null;
  contactWaId: string | null;
  unread: number;
  minutes: number;
};

/**
 * Claims the reminder e-mails due at `now`, at most once each: an assigned, open conversation with
 * a customer's message nobody opened (after the last time a person read it) for the workspace's
 * delay, and that no reminder covered yet. The assignee must still be a member, have an address
 * and not have turned these e-mails off. Claimed rows are stamped `reminded_at`, so replicas
 * running the sweep together never send one twice (rows locked by another are skipped).
 */
export async function claimDueReminders(
  db: Db,
  p: { now: Date; limit: number },
): Promise<DueReminder[]> {
  const now = p.now.toISOString();
  return queryRows<DueReminder>(
    db,
    sql`
    with due as (
      select c.id from conversations c
        join workspaces w on w.id = c.workspace_id and w.reminder_minutes is not null
       where c.assignee_id is not null and c.unread_count > 0 and c.status <> 'closed'
         and exists (
           select 1 from messages m
            where m.workspace_id = c.workspace_id and m.conversation_id = c.id
              and m.direction = 'inbound'
              and m.created_at > coalesce(c.read_at, '-infinity'::timestamptz)
              and m.created_at > coalesce(c.reminded_at, '-infinity'::timestamptz)
              and m.created_at <= ${now}::timestamptz - make_interval(mins => w.reminder_minutes))
         and exists (select 1 from memberships ms
                      where ms.workspace_id = c.workspace_id and ms.user_id = c.assignee_id)
         and coalesce((select np.email from notification_preferences np where np.user_id = c.assignee_id), true)
       order by c.id
       limit ${p.limit}
       for update of c skip locked
    ),
    claimed as (
      update conversations c set reminded_at = ${now}::timestamptz
        from due where c.id = due.id
      returning c.id, c.workspace_id, c.assignee_id, c.contact_id, c.unread_count
    )
    select claimed.workspace_id as "workspaceId", w.name as "workspaceName", w.slug,
           claimed.id as "conversationId", u.email, u.name as "assigneeName",
           ct.name as "contactName", ct.wa_id as "contactWaId",
           claimed.unread_count as unread, w.reminder_minutes as minutes
      from claimed
      join workspaces w on w.id = claimed.workspace_id
      join users u on u.id = claimed.assignee_id
      join contacts ct on ct.id = claimed.contact_id and ct.workspace_id = claimed.workspace_id
     where u.email is not null`,
  );
}
