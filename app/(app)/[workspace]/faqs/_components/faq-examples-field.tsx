"use client";

import type { KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FAQ_LIMITS } from "@/lib/validations/faq";

type Props = {
  id: string;
  examples: string[];
  onChange: (examples: string[]) => void;
  /** The wording being typed; the form saves it too, so it is not lost. */
  draft: string;
  onDraftChange: (draft: string) => void;
  error?: string | undefined;
};

/** The examples with one more wording, unless it is empty or already there. */
export function withExample(examples: string[], draft: string): string[] {
  const text = draft.replace(/\s+/g, " ").trim();
  if (!text || examples.some((e) => e.toLowerCase() === text.toLowerCase())) return examples;
  return [...examples, text];
}

/** Other wordings of the question: added one at a time, each removable. */
export function FaqExamplesField({ id, examples, onChange, draft, onDraftChange, error }: Props) {
  const full = examples.length >= FAQ_LIMITS.examples;
  const add = () => {
    if (full) return;
    onChange(withExample(examples, draft));
    onDraftChange("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the wording instead of saving the whole form.
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  };

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        Other wordings
      </label>
      {examples.length > 0 && (
        <ul className="space-y-1" aria-label="Other wordings" data-testid="faq-examples">
          {examples.map((example) => (
            <li
              key={example}
              className="flex items-center justify-between gap-2 rounded-lg bg-zinc-50 px-3 py-1.5 text-sm text-zinc-800"
              data-testid="faq-example"
            >
              <span className="break-words">{example}</span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove “${example}”`}
                onClick={() => onChange(examples.filter((e) => e !== example))}
                data-testid="faq-example-remove"
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <Input
          name={id}
          value={draft}
          onChange={(e) => onDraftChange(e.target.value)}
          onKeyDown={onKeyDown}
          maxLength={FAQ_LIMITS.exampleMax}
          disabled={full}
          invalid={error !== undefined}
          placeholder="e.g. when do you open on saturday?"
          autoComplete="off"
          data-testid="faq-example-input"
        />
        <Button
          variant="secondary"
          onClick={add}
          disabled={full || draft.trim() === ""}
          data-testid="faq-example-add"
        >
          Add
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          How customers ask the same thing in their own words; the bot matches each like the
          question. Up to {FAQ_LIMITS.examples}.
        </p>
      )}
    </div>
  );
}
