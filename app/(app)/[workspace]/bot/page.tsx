import type { Metadata, Route } from "next";
import Link from "next/link";
import { getBotSettings } from "@/db/queries/bot-settings";
import { defaultSystemPrompt } from "@/lib/ai/reply";
import { requireWorkspace } from "@/lib/auth/workspace";
import { readAlertTemplates } from "@/lib/bot/alerts/read-alert-templates";
import { SYSTEM_TEXT } from "@/lib/bot/decide";
import { getReplyDeps } from "@/lib/bot/deps";
import { deploymentAiChoices } from "@/lib/bot/settings/ai-choices";
import { botSettingsView } from "@/lib/bot/settings/form-values";
import { getKeyring } from "@/lib/crypto";
import { getEnv } from "@/lib/env";
import { BotSettingsForm } from "./_components/bot-settings-form";

export const metadata: Metadata = { title: "Bot settings" };

type Props = { params: Promise<{ workspace: string }> };

// Intl leaves UTC out of its list of zones, though it is the default and a common choice.
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

export default async function BotSettingsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "bot.manage");
  const env = getEnv();
  // A workspace without settings yet gets the defaults here, as the bot would on its first message.
  const row = await getBotSettings(ctx.db, ctx.workspace.id);
  const choices = deploymentAiChoices(env.ai);
  const { graph, keyring } = await getReplyDeps();
  const alertTemplates = await readAlertTemplates({ db: ctx.db, graph, keyring }, ctx.workspace.id);
  const link = (href: string, label: string) => (
    <Link href={href as Route} className="font-medium text-brand-700 underline">
      {label}
    </Link>
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Bot settings</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          How your WhatsApp assistant answers customers. It looks for an answer in your{" "}
          {link(`/${slug}/faqs`, "FAQ")} first,{" "}
          {choices.length > 0 || row.aiApiKeyEncrypted
            ? "then asks the AI."
            : "and sends your fallback message when none matches."}{" "}
          Check the result with {link(`/${slug}/try`, "Try it")} before your customers do.
        </p>
      </div>
      <BotSettingsForm
        slug={slug}
        initial={botSettingsView(row, choices, getKeyring())}
        choices={choices}
        timeZones={TIME_ZONES}
        defaults={{
          systemPrompt: defaultSystemPrompt(ctx.workspace.name),
          awayMessage: SYSTEM_TEXT.away,
          businessName: ctx.workspace.name,
        }}
        canEmail={env.smtp !== null}
        alertTemplates={alertTemplates}
      />
    </div>
  );
}
