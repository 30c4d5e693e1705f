import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { listWorkspaceChannels } from "@/db/queries/channels";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getEnv } from "@/lib/env";
import { getOnboardingDeps } from "@/lib/onboarding/deps";
import { latestUnfinishedSignupView } from "@/lib/onboarding/latest-signup-view";
import { readChannelVerifyToken } from "@/lib/onboarding/read-verify-token";
import { ChannelCard } from "./_components/channel-card";
import { ConnectPanel } from "./_components/connect-panel";

export const metadata: Metadata = { title: "WhatsApp" };

type Props = { params: Promise<{ workspace: string }> };

export default async function WhatsAppPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "channels.manage");
  const env = getEnv();
  const deps = await getOnboardingDeps();
  const channels = await listWorkspaceChannels(ctx.db, ctx.workspace.id);
  const verifyTokens = await Promise.all(
    channels.map((c) =>
      readChannelVerifyToken(deps, { workspaceId: ctx.workspace.id, channelId: c.id }),
    ),
  );
  const meta = {
    appId: env.meta.appId,
    configId: env.meta.configId,
    graphVersion: env.meta.graphVersion,
    sandbox: env.sandbox,
    businessName: ctx.workspace.name,
  };
  const hasLive = channels.some((c) => c.status !== "disconnected");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">WhatsApp</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          {hasLive
            ? "The number your customers write to. The bot answers on it with your settings."
            : "Connect the WhatsApp Business number your customers write to. It takes about two minutes with a Facebook account that manages your business."}
        </p>
      </div>
      {channels.map((c, i) => (
        <ChannelCard
          key={c.id}
          slug={slug}
          channel={c}
          webhookUrl={`${env.appUrl}/api/webhooks/whatsapp`}
          verifyToken={verifyTokens[i] ?? null}
          meta={meta}
        />
      ))}
      <Card
        title={hasLive ? "Connect another number" : "Connect your number"}
        description={
          env.sandbox
            ? "This is a sandbox: “Connect with Facebook” opens a simulated Meta signup, and no real number is involved."
            : undefined
        }
      >
        <ConnectPanel
          slug={slug}
          {...meta}
          initialView={await latestUnfinishedSignupView(deps, ctx.workspace.id)}
          channelStatuses={Object.fromEntries(channels.map((c) => [c.id, c.status]))}
        />
      </Card>
    </div>
  );
}
