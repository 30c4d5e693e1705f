import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConversationView } from "@/components/inbox/conversation-view";
import { listMembers } from "@/db/queries/members";
import { requireWorkspace } from "@/lib/auth/workspace";
import { readThread } from "@/lib/inbox/read-inbox";

export const metadata: Metadata = { title: "Conversation" };

type Props = { params: Promise<{ workspace: string; conversationId: string }> };

export default async function ConversationPage({ params }: Props) {
  const { workspace: slug, conversationId } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  const id = z.uuid().safeParse(conversationId);
  const [initial, members] = await Promise.all([
    id.success ? readThread(ctx, id.data) : null,
    listMembers(ctx.db, { workspaceId: ctx.workspace.id }),
  ]);
  if (!initial) notFound();
  return (
    <ConversationView
      key={initial.conversation.id}
      slug={slug}
      initial={initial}
      userId={ctx.user.id}
      members={members.map((m) => ({ id: m.userId, name: m.name ?? m.email ?? "Member" }))}
    />
  );
}
