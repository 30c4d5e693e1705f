import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConversationView } from "@/components/inbox/conversation-view";
import { getBotSettings } from "@/db/queries/bot-settings";
import { listCannedReplies, listLabels } from "@/db/queries/inbox-tools";
import { listMembers } from "@/db/queries/members";
import { requireWorkspace } from "@/lib/auth/workspace";
import { readThread } from "@/lib/inbox/read-inbox";

export const metadata: Metadata = { title: "Conversation" };

type Props = { params: Promise<{ workspace: string; conversationId: string }> };

export default async function ConversationPage({ params }: Props) {
  const { workspace: slug, conversationId } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  const id = z.uuid().safeParse(conversationId);
  const scope = { workspaceId: ctx.workspace.id };
  const [initial, members, labels, cannedReplies, settings] = await Promise.all([
    id.success ? readThread(ctx, id.data) : null,
    listMembers(ctx.db, scope),
    listLabels(ctx.db, scope),
    listCannedReplies(ctx.db, scope),
    getBotSettings(ctx.db, ctx.workspace.id),
  ]);
  if (!initial) notFound();
  return (
    <ConversationView
      key={initial.conversation.id}
      slug={slug}
      initial={initial}
      userId={ctx.user.id}
      members={members.map((m) => ({ id: m.userId, name: m.name ?? m.email ?? "Member" }))}
      tools={{
        labels,
        cannedReplies,
        timezone: settings.timezone,
        agentName: ctx.user.name ?? null,
        businessName: ctx.workspace.name,
      }}
    />
  );
}
