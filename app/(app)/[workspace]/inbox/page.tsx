import type { Metadata, Route } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Inbox" };

type Props = { params: Promise<{ workspace: string }> };

export default async function InboxPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center">
      <p className="text-base font-medium text-zinc-800">Choose a conversation</p>
      <p className="max-w-sm text-sm text-zinc-500">
        Customers' messages appear on the left as they arrive. Open one to read it, take over from
        the bot and reply; type <kbd className="rounded border px-1">/</kbd> in the reply box for
        canned replies. Press <kbd className="rounded border px-1">?</kbd> for keyboard shortcuts.
      </p>
      <Link
        href={`/${slug}/inbox/new` as Route}
        className="mt-2 text-sm font-medium text-brand-700 hover:underline"
      >
        Start a new conversation with a template
      </Link>
      {can(ctx.role, "inbox.manage") && (
        <Link
          href={`/${slug}/settings/inbox` as Route}
          className="text-sm font-medium text-brand-700 underline"
          data-testid="manage-inbox-tools"
        >
          Manage canned replies and labels
        </Link>
      )}
    </div>
  );
}
