"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { WhatsAppPreview } from "@/components/bot/whatsapp-preview";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/field";
import { FAQ_LIMITS, type FaqFields, faqErrorSentence, splitKeywords } from "@/lib/validations/faq";
import { createFaqAction, updateFaqAction } from "../actions";
import { FaqExamplesField, withExample } from "./faq-examples-field";

export type EditableFaq = FaqFields & { id: string };

type Props = {
  slug: string;
  /** The FAQ to edit; without it the form adds a new one. */
  faq?: EditableFaq;
  /** A question to start a new FAQ with. */
  initialQuestion?: string;
  /** Other wordings to start a new FAQ with. */
  initialExamples?: string[];
  /** A draft answer to start from (a passage of the workspace's knowledge). */
  initialAnswer?: string;
  onDone: (saved: boolean) => void;
};

const FIELDS = ["question", "answer", "keywords", "examples", "priority", "active"] as const;

export function FaqForm({
  slug,
  faq,
  initialQuestion,
  initialExamples,
  initialAnswer,
  onDone,
}: Props) {
  const router = useRouter();
  // Several forms can be open at once (a new one and an edit), so their ids must differ.
  const id = (field: string) => `faq-${faq?.id ?? "new"}-${field}`;
  const [question, setQuestion] = useState(faq?.question ?? initialQuestion ?? "");
  const [answer, setAnswer] = useState(faq?.answer ?? initialAnswer ?? "");
  const [keywords, setKeywords] = useState(faq?.keywords.join(", ") ?? "");
  const [examples, setExamples] = useState<string[]>(faq?.examples ?? initialExamples ?? []);
  const [exampleDraft, setExampleDraft] = useState("");
  const [priority, setPriority] = useState(String(faq?.priority ?? 0));
  const [active, setActive] = useState(faq?.active ?? true);
  const [added, setAdded] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (input: FaqFields) =>
      faq ? updateFaqAction(slug, { id: faq.id, ...input }) : createFaqAction(slug, input),
    onSuccess: (result, input) => {
      // A refusal keeps every edit in place, with the reasons next to the fields.
      if (!result.ok) return;
      router.refresh();
      if (faq) {
        onDone(true);
        return;
      }
      setAdded(input.question.trim());
      setQuestion("");
      setAnswer("");
      setKeywords("");
      setExamples([]);
      setExampleDraft("");
      setPriority("0");
      setActive(true);
    },
  });

  const failure = save.data && !save.data.ok ? save.data : null;
  const errors = new Map<string, string>();
  for (const [key, message] of Object.entries(failure?.fieldErrors ?? {})) {
    const field = key.split(".")[0] ?? key;
    if (!errors.has(field)) errors.set(field, faqErrorSentence(message));
  }
  const err = (field: (typeof FIELDS)[number]) => errors.get(field);
  const otherErrors = [...errors].filter(([f]) => !(FIELDS as readonly string[]).includes(f));
  const over = answer.length > FAQ_LIMITS.answerMax;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(null);
    save.mutate({
      question,
      answer,
      keywords: splitKeywords(keywords),
      examples: withExample(examples, exampleDraft),
      priority: priority.trim() === "" ? 0 : Number(priority),
      active,
    });
  };

  return (
    <form onSubmit={submit} noValidate className="grid gap-5 md:grid-cols-2" data-testid="faq-form">
      <div className="space-y-4">
        <Field
          label="Customer question"
          name={id("question")}
          hint="As a customer would ask it. The bot also recognises other wordings."
          error={err("question")}
        >
          <Input
            name={id("question")}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            invalid={err("question") !== undefined}
            placeholder="e.g. What are your opening hours?"
            autoComplete="off"
            data-testid="faq-question"
          />
        </Field>
        <Field
          label="Answer"
          name={id("answer")}
          hint="What the bot sends. *bold*, _italic_, ~strikethrough~ and ```monospace``` work as in WhatsApp."
          error={err("answer")}
        >
          <textarea
            id={id("answer")}
            name={id("answer")}
            rows={7}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            aria-invalid={err("answer") !== undefined || over || undefined}
            aria-describedby={`${id("answer")}-${err("answer") ? "error" : "hint"} ${id("answer")}-count`}
            className={cn(
              "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600",
              err("answer") || over ? "border-red-400" : "border-zinc-300",
            )}
            data-testid="faq-answer"
          />
        </Field>
        <p
          id={`${id("answer")}-count`}
          className={cn(
            "-mt-2 text-right text-xs",
            over ? "font-medium text-red-700" : "text-zinc-500",
          )}
          data-testid="faq-answer-count"
        >
          {answer.length.toLocaleString("en")} / {FAQ_LIMITS.answerMax.toLocaleString("en")}
          {over && " — too long for one WhatsApp message"}
        </p>
        <Field
          label="Keywords"
          name={id("keywords")}
          hint={`Words or short phrases that point to this answer, separated by commas; up to ${FAQ_LIMITS.keywords}.`}
          error={err("keywords")}
        >
          <Input
            name={id("keywords")}
            value={keywords}
            onChange={(e) => setKeywords(e.target.value)}
            invalid={err("keywords") !== undefined}
            placeholder="e.g. hours, open, closing time"
            autoComplete="off"
            data-testid="faq-keywords"
          />
        </Field>
        <FaqExamplesField
          id={id("examples")}
          examples={examples}
          onChange={setExamples}
          draft={exampleDraft}
          onDraftChange={setExampleDraft}
          error={err("examples")}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Priority"
            name={id("priority")}
            hint={`${FAQ_LIMITS.priorityMin} to ${FAQ_LIMITS.priorityMax}: the higher wins between two close matches.`}
            error={err("priority")}
          >
            <Input
              name={id("priority")}
              type="number"
              inputMode="numeric"
              step={1}
              min={FAQ_LIMITS.priorityMin}
              max={FAQ_LIMITS.priorityMax}
              value={priority}
              onChange={(e) => setPriority(e.target.value)}
              invalid={err("priority") !== undefined}
              data-testid="faq-priority"
            />
          </Field>
          <label
            htmlFor={id("active")}
            className="flex items-start gap-2 text-sm text-zinc-800 sm:mt-7"
          >
            <Checkbox
              id={id("active")}
              checked={active}
              onCheckedChange={(checked) => setActive(checked === true)}
              className="mt-0.5"
              data-testid="faq-active"
            />
            <span>
              Active
              <span className="block text-xs text-zinc-500">The bot may answer with it.</span>
            </span>
          </label>
        </div>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-zinc-800">What the customer sees</p>
        <WhatsAppPreview text={answer} testId="faq-preview" />
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={save.isPending} data-testid="faq-save">
          {save.isPending ? "Saving…" : faq ? "Save changes" : "Save question"}
        </Button>
        <Button variant="ghost" onClick={() => onDone(false)} data-testid="faq-cancel">
          {faq ? "Cancel" : "Close"}
        </Button>
        {added && (
          <span
            role="status"
            className="text-sm font-medium text-brand-700"
            data-testid="faq-saved"
          >
            Saved “{added}”. Add another, or close.
          </span>
        )}
        {failure && (otherErrors.length > 0 || errors.size === 0) && (
          <span role="alert" className="text-sm font-medium text-red-700">
            {otherErrors[0]?.[1] ?? failure.message}
          </span>
        )}
        {save.isError && (
          <span role="alert" className="text-sm font-medium text-red-700">
            Could not reach Parley; your changes are still here. Try again.
          </span>
        )}
      </div>
    </form>
  );
}
