import type { Metadata } from "next";
import { TryItPanel } from "@/components/bot/try-it-panel";
import { Card } from "@/components/ui/card";
import { requireWorkspace } from "@/lib/auth/workspace";
import { addTryWordingAction, tryBotAction } from "./actions";

export const metadata: Metadata = { title: "Try your bot" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
};

export default async function TryPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  await requireWorkspace(slug, "bot.manage");
  const { q } = await searchParams;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Try your bot</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          Ask what a customer might ask and see what the bot would send, and why. It uses your
          current settings and FAQ, and the same decisions as real conversations. Nothing is sent to
          WhatsApp and nothing is recorded; an AI answer is a real call to your AI provider.
        </p>
      </div>
      <Card>
        <TryItPanel
          slug={slug}
          ask={tryBotAction}
          addWording={addTryWordingAction}
          initialQuestion={typeof q === "string" ? q.slice(0, 4096) : ""}
        />
      </Card>
    </div>
  );
}
