"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { AlertTemplatesView } from "@/lib/bot/alerts/alert-templates-view";
import type { AiChoice } from "@/lib/bot/settings/ai-choices";
import type { BotSettingsView } from "@/lib/bot/settings/form-values";
import { AiSection } from "./ai-section";
import { EscalationSection } from "./escalation-section";
import { Section, Toggle } from "./form-parts";
import { HandoffSection } from "./handoff-section";
import { HoursSection } from "./hours-section";
import { MessagesSection } from "./messages-section";
import { useLeaveWarning } from "./use-leave-warning";
import { useSettingsForm } from "./use-settings-form";

type Props = {
  slug: string;
  initial: BotSettingsView;
  choices: AiChoice[];
  timeZones: string[];
  defaults: { systemPrompt: string; awayMessage: string; businessName: string };
  canEmail: boolean;
  alertTemplates: AlertTemplatesView;
};

export function BotSettingsForm({
  slug,
  initial,
  choices,
  timeZones,
  defaults,
  canEmail,
  alertTemplates,
}: Props) {
  const form = useSettingsForm(slug, initial);
  const { values, set, errors } = form;
  useLeaveWarning(form.dirty);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submit();
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-6" data-testid="bot-settings-form">
      <Section
        title="Bot"
        description={
          values.aiProvider === "" && choices.length === 0
            ? "The bot answers customers on your WhatsApp number from your FAQ, and with your fallback message when nothing matches."
            : "The bot answers customers on your WhatsApp number: from your FAQ first, then with AI."
        }
      >
        <Toggle
          name="enabled"
          label="Answer customers automatically"
          description="Off: the bot stays silent and every message waits for your team in the inbox. Opt-out requests (STOP) are still honoured."
          checked={values.enabled}
          onChange={(v) => set("enabled", v)}
          testId="bot-enabled"
        />
      </Section>
      <AiSection
        values={values}
        set={set}
        errors={errors}
        saved={form.saved}
        choices={choices}
        apiKey={form.apiKey}
        defaultPrompt={defaults.systemPrompt}
        businessName={defaults.businessName}
      />
      <MessagesSection values={values} set={set} errors={errors} />
      <HoursSection
        values={values}
        set={set}
        errors={errors}
        timeZones={timeZones}
        defaultAway={defaults.awayMessage}
      />
      <HandoffSection values={values} set={set} errors={errors} />
      <EscalationSection
        slug={slug}
        values={values}
        set={set}
        errors={errors}
        canEmail={canEmail}
        alertTemplates={alertTemplates}
        businessName={defaults.businessName}
      />

      <div className="sticky bottom-0 -mx-4 space-y-3 border-t border-zinc-200 bg-white/95 px-4 py-3 backdrop-blur">
        {form.problem && (
          <Notice tone="error" testId="settings-error">
            {form.problem}
          </Notice>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={form.pending || !form.dirty} data-testid="settings-save">
            {form.pending ? "Saving…" : "Save changes"}
          </Button>
          {form.dirty && !form.pending && (
            <Button variant="ghost" onClick={form.discard} data-testid="settings-discard">
              Discard changes
            </Button>
          )}
          <span className="text-sm" aria-live="polite">
            {form.justSaved ? (
              <span className="font-medium text-brand-700" data-testid="settings-saved">
                Saved. The bot uses these settings from the next message.
              </span>
            ) : form.dirty ? (
              <span className="text-zinc-600">You have unsaved changes.</span>
            ) : null}
          </span>
        </div>
      </div>
    </form>
  );
}
