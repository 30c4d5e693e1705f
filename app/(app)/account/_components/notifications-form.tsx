"use client";

import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Notice } from "@/components/ui/notice";
import type { NotificationPreferences } from "@/db/queries/notification-preferences";
import { saveNotificationsAction } from "../actions";

const CHOICES: { key: keyof NotificationPreferences; label: string; hint: string }[] = [
  {
    key: "needsHuman",
    label: "A conversation needs a person",
    hint: "The bot handed a customer over, in any workspace of yours.",
  },
  {
    key: "assigned",
    label: "A conversation is assigned to me",
    hint: "Someone else gave you a conversation.",
  },
  {
    key: "mine",
    label: "A customer writes in one of my conversations",
    hint: "A new message in a conversation assigned to you.",
  },
  { key: "sound", label: "Play a sound", hint: "A short chime with each of the above." },
  {
    key: "email",
    label: "E-mail me about my conversations nobody opened",
    hint: "Sent when the workspace has reminders on and nobody opened the conversation in time.",
  },
];

export function NotificationsForm({ initial }: { initial: NotificationPreferences }) {
  const [prefs, setPrefs] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveNotificationsAction(prefs);
      setStatus(result.ok ? { ok: true, text: "Saved" } : { ok: false, text: result.message });
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="notifications-form">
      <fieldset className="space-y-3">
        <legend className="sr-only">Tell me when</legend>
        {CHOICES.map((c) => (
          <div key={c.key} className="flex items-start gap-3 text-sm">
            <Checkbox
              id={`notify-${c.key}`}
              name={c.key}
              checked={prefs[c.key]}
              onCheckedChange={(checked) => {
                setStatus(null);
                setPrefs({ ...prefs, [c.key]: checked === true });
              }}
              aria-describedby={`notify-${c.key}-hint`}
              className="mt-0.5"
            />
            <div>
              <label htmlFor={`notify-${c.key}`} className="block font-medium text-zinc-900">
                {c.label}
              </label>
              <p id={`notify-${c.key}-hint`} className="text-xs text-zinc-500">
                {c.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      {status && !status.ok && <Notice tone="error">{status.text}</Notice>}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="notifications-save">
          {pending ? "Saving…" : "Save"}
        </Button>
        {status?.ok && (
          <span role="status" className="text-sm font-medium text-brand-700">
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
