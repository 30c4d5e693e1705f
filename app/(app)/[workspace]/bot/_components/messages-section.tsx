"use client";

import { Field, Select } from "@/components/ui/field";
import { LANGUAGE_CODES, LANGUAGES, type Language } from "@/lib/bot/languages";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { Section, TextArea, Toggle } from "./form-parts";
import { LanguageMessages } from "./language-messages";
import type { SectionProps } from "./use-settings-form";

export function MessagesSection({ values, set, errors }: SectionProps) {
  return (
    <Section
      title="Messages"
      description="Fixed messages the bot sends, word for word, in the language each customer writes in. WhatsApp formatting works: *bold*, _italics_."
    >
      <Field
        label="Your main language"
        name="defaultLanguage"
        error={errors.defaultLanguage}
        hint="The messages below are in this language. It is also used when a customer's language can't be told, as in a bare “ok” or “STOP”."
      >
        <Select
          name="defaultLanguage"
          value={values.defaultLanguage}
          onChange={(e) => set("defaultLanguage", e.target.value as Language)}
          invalid={errors.defaultLanguage !== undefined}
          data-testid="default-language"
          className="max-w-xs"
        >
          {LANGUAGE_CODES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGES[l]}
            </option>
          ))}
        </Select>
      </Field>
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
      <Toggle
        name="aiDisclosure"
        label="Tell new customers they are talking to an automated assistant"
        description="When AI answers are on, each new customer's first reply starts with a short note saying so (the wording is in the languages below). Laws such as the EU AI Act require this from August 2026."
        checked={values.aiDisclosure}
        onChange={(v) => set("aiDisclosure", v)}
        testId="ai-disclosure"
      />
      <LanguageMessages values={values} set={set} errors={errors} />
    </Section>
  );
}
