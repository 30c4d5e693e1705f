import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { listAttributeKeys } from "@/db/queries/broadcasts";
import { listWorkspaceChannels } from "@/db/queries/channels";
import { listContactTags } from "@/db/queries/contacts";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { listInboxTemplates } from "@/lib/inbox/list-templates";
import { BroadcastForm, type NumberTemplates } from "../_components/broadcast-form";

export const metadata: Metadata = { title: "New broadcast" };

type Props = { params: Promise<{ workspace: string }> };

export default async function NewBroadcastPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "broadcasts.manage");
  const workspaceId = ctx.workspace.id;
  const [channels, tags, attributes] = await Promise.all([
    listWorkspaceChannels(ctx.db, workspaceId),
    listContactTags(ctx.db, workspaceId),
    listAttributeKeys(ctx.db, workspaceId),
  ]);
  const deps = await getReplyDeps();
  const numbers: NumberTemplates[] = [];
  for (const c of channels.filter((c) => c.status === "connected")) {
    const list = await listInboxTemplates(deps, { workspaceId, channelId: c.id });
    numbers.push({
      id: c.id,
      label: c.displayPhoneNumber ?? c.verifiedName ?? c.phoneNumberId,
      templates: list.ok ? list.templates : [],
      problem: list.ok ? null : list.message,
    });
  }

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/${slug}/broadcasts`} className="text-sm text-zinc-500 hover:underline">
          ← Broadcasts
        </Link>
        <h1 className="mt-1 text-2xl font-bold tracking-tight">New broadcast</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          Pick an approved template, say what goes in each of its variables, choose who receives it,
          and when.
        </p>
      </div>
      {numbers.length === 0 ? (
        <Notice tone="warning" title="No WhatsApp number is connected">
          Broadcasts go out from one of your numbers.{" "}
          <Link href={`/${slug}/whatsapp`} className="font-medium underline">
            Connect a number
          </Link>{" "}
          first.
        </Notice>
      ) : (
        <BroadcastForm slug={slug} numbers={numbers} tags={tags} attributes={attributes} />
      )}
    </div>
  );
}
