"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyField } from "@/components/ui/copy-field";
import { Field, Input } from "@/components/ui/field";
import { OUTGOING_EVENTS } from "@/db/schema/outgoing-webhooks";
import { EVENT_LABELS } from "@/lib/validations/outgoing-webhooks";
import { createWebhookAction } from "../actions";

export function CreateWebhookForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  // In this component's memory only: gone on "Done" or when the page is left.
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const url = String(data.get("url") ?? "");
    const events = data.getAll("events").map(String) as (typeof OUTGOING_EVENTS)[number][];
    startTransition(async () => {
      const result = await createWebhookAction(slug, { url, events });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? { form: result.message });
        return;
      }
      setErrors({});
      setSecret(result.data.secret);
      form.reset();
      router.refresh();
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field
          label="Endpoint address"
          name="url"
          hint="Parley posts each event here as JSON. Use https."
          error={errors.url}
        >
          <Input
            name="url"
            type="url"
            placeholder="https://example.com/parley-events"
            autoComplete="off"
            invalid={Boolean(errors.url)}
            data-testid="webhook-url"
          />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {OUTGOING_EVENTS.map((e) => (
              <label
                key={e}
                htmlFor={`webhook-event-${e}`}
                className="flex items-start gap-2 text-sm"
              >
                <Checkbox
                  id={`webhook-event-${e}`}
                  name="events"
                  value={e}
                  defaultChecked={e === "message.received"}
                  className="mt-0.5"
                  data-testid={`webhook-event-${e}`}
                />
                <span>
                  <code className="font-mono text-xs">{e}</code>
                  <span className="block text-zinc-500">{EVENT_LABELS[e]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.events && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {errors.events}
            </p>
          )}
        </fieldset>
        {errors.form && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {errors.form}
          </p>
        )}
        <Button type="submit" disabled={pending} data-testid="webhook-create">
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
      </form>
      {secret && <SecretNotice secret={secret} onDone={() => setSecret(null)} />}
    </div>
  );
}

/** A signing secret, shown once. */
export function SecretNotice({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div
      role="status"
      className="space-y-2 rounded-lg border-2 border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <p className="font-semibold">The endpoint's signing secret</p>
      <CopyField value={secret} label="Signing secret" testId="webhook-secret" />
      <p>
        Copy it now: you won&apos;t see it again. Your endpoint uses it to check that each event
        comes from Parley (see “Checking a delivery” below). A lost secret cannot be shown; roll a
        new one.
      </p>
      <Button variant="secondary" size="sm" onClick={onDone} data-testid="webhook-secret-done">
        Done
      </Button>
    </div>
  );
}
