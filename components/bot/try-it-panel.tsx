"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/workspace";
import type { TryAs, TryView } from "@/lib/bot/try-bot";
import type { TryBotInput } from "@/lib/validations/try-bot";
import type { AddWording } from "./try-it-add-question";
import { TryItChat } from "./try-it-chat";
import { TryItWhy } from "./try-it-why";

/** The "Try it" server action, passed in so any page of the workspace can embed the panel. */
export type AskBot = (slug: string, input: TryBotInput) => Promise<ActionResult<TryView>>;

type Props = { slug: string; ask: AskBot; addWording: AddWording; initialQuestion?: string };

const AS_OPTIONS: { value: TryAs; label: string }[] = [
  { value: "new", label: "a new customer" },
  { value: "returning", label: "a returning customer" },
  { value: "opted_out", label: "a customer who opted out" },
];

/** A question box that shows what the bot would send a customer, and why; it sends nothing. */
export function TryItPanel({ slug, ask, addWording, initialQuestion = "" }: Props) {
  const [question, setQuestion] = useState(initialQuestion);
  const [as, setAs] = useState<TryAs>("new");
  const mutation = useMutation({
    // The question travels with its result, so the chat shows what was asked even after an edit.
    mutationFn: async (input: { question: string; as: TryAs }) => ({
      input,
      result: await ask(slug, input),
    }),
  });
  const result = mutation.data?.result;
  const refusal = result && !result.ok ? result : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({ question, as });
  };

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="grid gap-3 md:grid-cols-[1fr_16rem_auto]" noValidate>
        <Field
          label="Customer's question"
          name="try-question"
          error={refusal?.fieldErrors?.question}
          hint="Type what a customer might write on WhatsApp."
        >
          <Input
            name="try-question"
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            placeholder="e.g. What are your opening hours?"
            maxLength={4096}
            autoComplete="off"
            invalid={Boolean(refusal?.fieldErrors?.question)}
            data-testid="try-question"
          />
        </Field>
        <Field label="Test as" name="try-as">
          <Select
            name="try-as"
            value={as}
            onChange={(e) => setAs(e.target.value as TryAs)}
            data-testid="try-as"
          >
            {AS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <div className="md:mt-7">
          <Button type="submit" disabled={mutation.isPending} data-testid="try-ask">
            {mutation.isPending ? "Asking…" : "Ask"}
          </Button>
        </div>
      </form>

      {refusal && !refusal.fieldErrors && (
        <Notice tone="error" testId="try-error">
          {refusal.message}
        </Notice>
      )}
      {mutation.isError && (
        <Notice tone="error" testId="try-error">
          The bot could not be tried just now. Please ask again.
        </Notice>
      )}

      {result?.ok && mutation.data && (
        <div className="grid gap-5 lg:grid-cols-2" data-testid="try-result">
          <TryItChat question={mutation.data.input.question} view={result.data} />
          <TryItWhy
            slug={slug}
            question={mutation.data.input.question}
            view={result.data}
            addWording={addWording}
          />
        </div>
      )}
    </div>
  );
}
