import type { ReactNode } from "react";
import { ChannelBanner } from "@/components/layout/channel-banner";
import { UserMenu } from "@/components/layout/user-menu";
import { WorkspaceMenu } from "@/components/layout/workspace-menu";
import { WorkspaceNav } from "@/components/layout/workspace-nav";
import { WorkspaceSwitcher } from "@/components/layout/workspace-switcher";
import { listWorkspaceChannels } from "@/db/queries/channels";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getEnv } from "@/lib/env";

type Props = { children: ReactNode; params: Promise<{ workspace: string }> };

export default async function WorkspaceLayout({ children, params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug);
  const [workspaces, channels] = await Promise.all([
    listUserWorkspaces(ctx.db, ctx.user.id),
    listWorkspaceChannels(ctx.db, ctx.workspace.id),
  ]);
  const links = [
    { href: `/${slug}`, label: "Overview", exact: true },
    { href: `/${slug}/inbox`, label: "Inbox" },
    { href: `/${slug}/contacts`, label: "Contacts" },
    ...(can(ctx.role, "channels.manage") ? [{ href: `/${slug}/whatsapp`, label: "WhatsApp" }] : []),
    ...(can(ctx.role, "bot.manage")
      ? [
          { href: `/${slug}/bot`, label: "Bot" },
          { href: `/${slug}/faqs`, label: "FAQ" },
          { href: `/${slug}/products`, label: "Products" },
          { href: `/${slug}/knowledge`, label: "Knowledge" },
          { href: `/${slug}/try`, label: "Try it" },
        ]
      : []),
    ...(can(ctx.role, "templates.manage")
      ? [{ href: `/${slug}/templates`, label: "Templates" }]
      : []),
    ...(can(ctx.role, "broadcasts.manage")
      ? [{ href: `/${slug}/broadcasts`, label: "Broadcasts" }]
      : []),
    ...(can(ctx.role, "analytics.view")
      ? [{ href: `/${slug}/analytics`, label: "Analytics" }]
      : []),
    ...(can(ctx.role, "members.manage") ? [{ href: `/${slug}/settings`, label: "Settings" }] : []),
  ];
  const sandbox = getEnv().sandbox;
  const userName = ctx.user.name ?? ctx.user.email ?? "You";
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-x-4 gap-y-2 px-4 py-3 lg:flex-wrap">
          <span className="text-sm font-bold tracking-wide text-brand-700 uppercase">Parley</span>
          <WorkspaceSwitcher
            current={{ slug, name: ctx.workspace.name, role: ctx.role }}
            workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role }))}
          />
          <WorkspaceNav links={links} />
          <div className="ml-auto hidden items-center gap-3 lg:flex">
            {sandbox && (
              <a
                href="/sandbox/phone"
                target="_blank"
                rel="noreferrer"
                title="The sandbox's test phone: write to your bot as a customer"
                className="rounded-full bg-sky-50 px-2.5 py-1 text-xs font-medium text-sky-800"
              >
                Test phone
              </a>
            )}
            <UserMenu name={userName} email={ctx.user.email} />
          </div>
          <div className="ml-auto lg:hidden">
            <WorkspaceMenu
              links={links}
              workspaceName={ctx.workspace.name}
              user={{ name: userName, email: ctx.user.email }}
              sandbox={sandbox}
            />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
        {channels.map((c) => (
          <ChannelBanner
            key={c.id}
            slug={slug}
            channel={c}
            canManage={can(ctx.role, "channels.manage")}
          />
        ))}
        <div>{children}</div>
      </main>
    </div>
  );
}
