"use client";

import { useEffect, useState } from "react";
import { Field } from "@/components/ui/field";
import { LIMITS } from "@/lib/validations/bot-settings";
import { NumberInput, Section, TextArea } from "./form-parts";
import type { FieldErrors, SectionProps } from "./use-settings-form";

const phrases = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/** The first problem with the list, naming the phrase it is about. */
function keywordError(errors: FieldErrors, list: string[]): string | undefined {
  const entry = Object.entries(errors).find(([path]) => path.startsWith("handoffKeywords"));
  if (!entry) return undefined;
  const index = Number(entry[0].split(".")[1]);
  const phrase = Number.isInteger(index) ? list[index] : undefined;
  return phrase && !entry[1].includes(phrase) ? `“${phrase}”: ${entry[1]}` : entry[1];
}

export function HandoffSection({ values, set, errors }: SectionProps) {
  const list = values.handoffKeywords;
  // The box keeps what is typed (blank lines included); the form holds the phrases.
  const [text, setText] = useState(list.join("\n"));
  useEffect(() => {
    setText((current) =>
      JSON.stringify(phrases(current)) === JSON.stringify(list) ? current : list.join("\n"),
    );
  }, [list]);
  const keywordsError = keywordError(errors, list);
  const n = (v: number) => v.toLocaleString("en");

  return (
    <Section
      title="Hand-off & limits"
      description="When the bot steps aside and lets a person take over the conversation."
    >
      <Field
        label="Hand-off phrases"
        name="handoffKeywords"
        error={keywordsError}
        hint={`One per line. When a customer's message contains one of these, the bot stops answering in that conversation and alerts your team. Capitals, accents and punctuation don't matter. Up to ${LIMITS.keywords} phrases of ${LIMITS.keyword} characters.`}
      >
        <TextArea
          name="handoffKeywords"
          rows={6}
          value={text}
          onChange={(v) => {
            setText(v);
            set("handoffKeywords", phrases(v));
          }}
          invalid={keywordsError !== undefined}
          data-testid="handoff-keywords"
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Bot answers per hour, whole workspace"
          name="maxMessagesPerHour"
          error={errors.maxMessagesPerHour}
          hint={`A safety cap on AI costs and runaway chats (${n(LIMITS.perHour.min)}–${n(LIMITS.perHour.max)}). Past it, the bot stops answering and passes conversations to your team.`}
        >
          <NumberInput
            name="maxMessagesPerHour"
            min={LIMITS.perHour.min}
            max={LIMITS.perHour.max}
            value={values.maxMessagesPerHour}
            onChange={(v) => set("maxMessagesPerHour", v)}
            invalid={errors.maxMessagesPerHour !== undefined}
            testId="max-per-hour"
          />
        </Field>
        <Field
          label="Messages per customer per day"
          name="maxMessagesPerUserPerDay"
          error={errors.maxMessagesPerUserPerDay}
          hint={`How many messages one customer can send in 24 hours before the bot passes the conversation to your team (${n(LIMITS.perContactDay.min)}–${n(LIMITS.perContactDay.max)}).`}
        >
          <NumberInput
            name="maxMessagesPerUserPerDay"
            min={LIMITS.perContactDay.min}
            max={LIMITS.perContactDay.max}
            value={values.maxMessagesPerUserPerDay}
            onChange={(v) => set("maxMessagesPerUserPerDay", v)}
            invalid={errors.maxMessagesPerUserPerDay !== undefined}
            testId="max-per-contact-day"
          />
        </Field>
      </div>
    </Section>
  );
}
