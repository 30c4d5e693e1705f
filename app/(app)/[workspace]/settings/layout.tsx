import type { ReactNode } from "react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { SettingsNav } from "./_components/settings-nav";

type Props = { children: ReactNode; params: Promise<{ workspace: string }> };

// Settings are for owners and admins; agents get a 403 here. Each page checks its own
// permission again, as layouts are not re-rendered on every navigation.
export default async function SettingsLayout({ children, params }: Props) {
  const { workspace: slug } = await params;
  await requireWorkspace(slug, "members.manage");
  const base = `/${slug}/settings`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
      <div className="flex flex-col gap-6 md:flex-row">
        <SettingsNav
          links={[
            { href: base, label: "General", exact: true, testId: "settings-nav-general" },
            { href: `${base}/members`, label: "Members", testId: "settings-nav-members" },
            { href: `${base}/inbox`, label: "Inbox", testId: "settings-nav-inbox" },
            { href: `${base}/api-keys`, label: "API keys", testId: "settings-nav-api-keys" },
            { href: `${base}/webhooks`, label: "Webhooks", testId: "settings-nav-webhooks" },
          ]}
        />
        <div className="min-w-0 flex-1 space-y-6">{children}</div>
      </div>
    </div>
  );
}
