"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, Input } from "@/components/ui/field";
import type { CannedReply } from "@/db/queries/inbox-tools";
import { CANNED_LIMITS } from "@/lib/inbox/canned-variables";
import {
  createCannedReplyAction,
  deleteCannedReplyAction,
  updateCannedReplyAction,
} from "../actions";

type Variable = { name: string; meaning: string };
type Props = { slug: string; replies: CannedReply[]; variables: Variable[] };

export function CannedReplies({ slug, replies, variables }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-5">
      {replies.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No canned replies yet. Add the answers your team types most, such as opening hours or
          delivery times.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100" data-testid="canned-replies">
          {replies.map((r) =>
            editing === r.id ? (
              <li key={r.id} className="py-4">
                <CannedReplyForm
                  slug={slug}
                  reply={r}
                  variables={variables}
                  onDone={() => setEditing(null)}
                />
              </li>
            ) : (
              <li
                key={r.id}
                className="flex flex-wrap items-start gap-3 py-3"
                data-testid="canned-reply"
              >
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-zinc-900">
                    <span className="mr-2 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
                      /{r.shortcut}
                    </span>
                    {r.title}
                  </p>
                  <p className="mt-1 line-clamp-2 text-sm whitespace-pre-wrap text-zinc-600">
                    {r.body}
                  </p>
                </div>
                <div className="flex items-start gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setEditing(r.id)}
                    data-testid="canned-reply-edit"
                  >
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete /${r.shortcut}?`}
                    confirmLabel="Delete"
                    testId="canned-reply-delete"
                    onConfirm={async () => {
                      const result = await deleteCannedReplyAction(slug, { id: r.id });
                      return result.ok ? { ok: true } : { ok: false, message: result.message };
                    }}
                  />
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      <div className="rounded-lg border border-dashed border-zinc-300 p-4">
        <h3 className="mb-3 text-sm font-semibold text-zinc-900">Add a canned reply</h3>
        <CannedReplyForm slug={slug} variables={variables} />
      </div>
    </div>
  );
}

function CannedReplyForm({
  slug,
  reply,
  variables,
  onDone,
}: {
  slug: string;
  reply?: CannedReply;
  variables: Variable[];
  onDone?: () => void;
}) {
  const router = useRouter();
  const id = (field: string) => `canned-${reply?.id ?? "new"}-${field}`;
  const [title, setTitle] = useState(reply?.title ?? "");
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [body, setBody] = useState(reply?.body ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  const save = useMutation({
    mutationFn: (input: { title: string; shortcut: string; body: string }) =>
      reply
        ? updateCannedReplyAction(slug, { id: reply.id, ...input })
        : createCannedReplyAction(slug, input),
    onSuccess: (result) => {
      if (!result.ok) return;
      router.refresh();
      if (reply) return onDone?.();
      setSaved(`/${shortcut.trim().toLowerCase().replace(/^\//, "")}`);
      setTitle("");
      setShortcut("");
      setBody("");
    },
  });
  const failure = save.data && !save.data.ok ? save.data : null;
  const err = (field: string) => failure?.fieldErrors?.[field];

  const insertVariable = (name: string) => {
    const area = bodyRef.current;
    const token = `{{${name}}}`;
    const at = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? at;
    setBody(body.slice(0, at) + token + body.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate({ title, shortcut, body });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="canned-reply-form">
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field
          label="Title"
          name={id("title")}
          hint="What agents see in the list."
          error={err("title")}
        >
          <Input
            name={id("title")}
            value={title}
            maxLength={CANNED_LIMITS.titleMax}
            onChange={(e) => setTitle(e.target.value)}
            invalid={err("title") !== undefined}
            placeholder="e.g. Opening hours"
            autoComplete="off"
          />
        </Field>
        <Field label="Shortcut" name={id("shortcut")} hint="Typed after /" error={err("shortcut")}>
          <Input
            name={id("shortcut")}
            value={shortcut}
            maxLength={CANNED_LIMITS.shortcutMax + 1}
            onChange={(e) => setShortcut(e.target.value)}
            invalid={err("shortcut") !== undefined}
            placeholder="hours"
            autoComplete="off"
            className="font-mono"
          />
        </Field>
      </div>
      <Field label="Reply" name={id("body")} error={err("body")}>
        <textarea
          id={id("body")}
          ref={bodyRef}
          rows={4}
          value={body}
          maxLength={CANNED_LIMITS.bodyMax}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={err("body") !== undefined || undefined}
          aria-describedby={`${id("body")}-${err("body") ? "error" : "variables"}`}
          placeholder="Hi {{customer_first_name}}, we are open Monday to Saturday, 9:00 to 19:00."
          className={cn(
            "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600",
            err("body") ? "border-red-400" : "border-zinc-300",
          )}
        />
      </Field>
      <div
        id={`${id("body")}-variables`}
        className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-600"
      >
        <span>Insert a variable, filled in when an agent uses the reply:</span>
        {variables.map((v) => (
          <button
            key={v.name}
            type="button"
            title={v.meaning}
            onClick={() => insertVariable(v.name)}
            className="rounded border border-zinc-300 bg-white px-1.5 py-0.5 font-mono text-zinc-700 hover:bg-zinc-50"
          >
            {`{{${v.name}}}`}
          </button>
        ))}
      </div>
      {failure && !failure.fieldErrors && (
        <p role="alert" className="text-sm text-red-700">
          {failure.message}
        </p>
      )}
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : reply ? "Save reply" : "Add reply"}
        </Button>
        {reply && (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
        {saved && (
          <span role="status" className="text-sm text-emerald-700">
            Added {saved}.
          </span>
        )}
      </div>
    </form>
  );
}
