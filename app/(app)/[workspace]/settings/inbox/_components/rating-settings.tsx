"use client";

import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { RATINGS } from "@/lib/csat/rating-buttons";
import { RATING_QUESTION_MAX } from "@/lib/validations/csat";
import { saveCsatSettingsAction } from "../actions";

type Props = { slug: string; enabled: boolean; question: string; defaultQuestion: string };

export function RatingSettings({ slug, ...initial }: Props) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const [question, setQuestion] = useState(initial.question);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    startTransition(async () => {
      const result = await saveCsatSettingsAction(slug, { enabled, question });
      if (!result.ok) {
        setError(result.fieldErrors?.question ?? result.message);
        return;
      }
      setError(null);
      setSaved(true);
    });
  };
  const changed = () => setSaved(false);

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="csat-settings">
      <div className="flex items-start gap-3">
        <Switch
          id="csat-enabled"
          checked={enabled}
          onCheckedChange={(on) => {
            setEnabled(on);
            changed();
          }}
          aria-describedby="csat-enabled-hint"
          data-testid="csat-enabled"
          className="mt-0.5"
        />
        <div>
          <Label htmlFor="csat-enabled" className="inline text-sm leading-5 font-medium">
            Ask customers to rate the conversation when it is closed{" "}
            <span className="font-normal text-zinc-500">({enabled ? "on" : "off"})</span>
          </Label>
          <p id="csat-enabled-hint" className="text-xs text-zinc-500">
            When someone on your team closes a conversation, the customer gets your question with
            three buttons: {RATINGS.map((r) => `“${r.title}”`).join(", ")}, in the language the
            customer wrote in. Only within 24 hours of the customer's last message (WhatsApp's
            rule); otherwise nothing is sent and the conversation says why. The rating counts for
            the person the conversation was assigned to (or who closed it) and shows under
            Analytics.
          </p>
        </div>
      </div>
      <Field
        label="Question"
        name="csat-question"
        error={error ?? undefined}
        hint={`Leave empty for Parley's wording in the customer's language: “${initial.defaultQuestion}” in English. Wording per language is on the Bot page.`}
      >
        <textarea
          id="csat-question"
          name="csat-question"
          rows={2}
          value={question}
          maxLength={RATING_QUESTION_MAX}
          placeholder={initial.defaultQuestion}
          onChange={(e) => {
            setQuestion(e.target.value);
            changed();
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "csat-question-error" : "csat-question-hint"}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600"
          data-testid="csat-question"
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="csat-save">
          {pending ? "Saving…" : "Save"}
        </Button>
        {saved && (
          <span role="status" className="text-sm font-medium text-brand-700">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
