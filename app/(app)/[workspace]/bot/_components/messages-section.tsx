"use client";

import { Field } from "@/components/ui/field";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { Section, TextArea } from "./form-parts";
import type { SectionProps } from "./use-settings-form";

export function MessagesSection({ values, set, errors }: SectionProps) {
  return (
    <Section
      title="Messages"
      description="Fixed messages the bot sends, word for word. WhatsApp formatting works: *bold*, _italics_."
    >
      <Field
        label="Welcome message (optional)"
        name="welcomeMessage"
        error={errors.welcomeMessage}
        hint="Sent once to each new customer, just before the answer to their first question. Leave empty to skip it."
      >
        <TextArea
          name="welcomeMessage"
          rows={3}
          max={MAX_TEXT}
          placeholder="Hi! I'm the assistant of our shop. Ask me anything."
          value={values.welcomeMessage}
          onChange={(v) => set("welcomeMessage", v)}
          invalid={errors.welcomeMessage !== undefined}
          data-testid="welcome-message"
        />
      </Field>
      <Field
        label="Fallback message"
        name="fallbackMessage"
        error={errors.fallbackMessage}
        hint="Sent when the bot has no answer (no FAQ match and no AI answer). The conversation is then passed to your team."
      >
        <TextArea
          name="fallbackMessage"
          rows={3}
          max={MAX_TEXT}
          value={values.fallbackMessage}
          onChange={(v) => set("fallbackMessage", v)}
          invalid={errors.fallbackMessage !== undefined}
          data-testid="fallback-message"
        />
      </Field>
    </Section>
  );
}
