"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { addKnowledgeTextAction } from "../actions";

/** Pastes text (a policy, a menu) as a source. */
export function AddText({ slug }: { slug: string }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setFailure(null);
      const result = await addKnowledgeTextAction(slug, { title, text });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) setFailure(result.message);
        return;
      }
      setErrors({});
      setTitle("");
      setText("");
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="add-text">
      <Field label="Title" name="knowledge-title" error={errors.title}>
        <Input
          name="knowledge-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Returns policy"
          invalid={errors.title !== undefined}
        />
      </Field>
      <Field label="Text" name="knowledge-text" error={errors.text}>
        <textarea
          id="knowledge-text"
          name="knowledge-text"
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={errors.text !== undefined || undefined}
          aria-describedby={errors.text ? "knowledge-text-error" : undefined}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600"
          placeholder="Paste the text the bot may answer from."
        />
      </Field>
      {failure && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {failure}
        </p>
      )}
      <Button type="submit" disabled={pending} data-testid="add-text-submit">
        {pending ? "Adding…" : "Add text"}
      </Button>
    </form>
  );
}
