"use client";

import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { REMINDER_CHOICES } from "@/lib/validations/notifications";
import { saveReminderAction } from "../actions";

type Props = { slug: string; minutes: number | null; emailOn: boolean };

const label = (m: number) => (m < 60 ? `${m} minutes` : m === 60 ? "1 hour" : `${m / 60} hours`);

export function ReminderForm({ slug, minutes, emailOn }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("reminder") ?? "");
    setSaved(false);
    startTransition(async () => {
      const result = await saveReminderAction(slug, {
        minutes: value === "off" ? null : Number(value),
      });
      if (!result.ok) {
        setError(result.fieldErrors?.minutes ?? result.message);
        return;
      }
      setError(null);
      setSaved(true);
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
      <div className="flex-1">
        <Field
          label="E-mail the assignee when nobody opened a customer's message within"
          name="reminder"
          error={error ?? undefined}
          hint={
            emailOn
              ? "Once per wait; people can turn these e-mails off in their account."
              : "E-mail is not set up on this server (SMTP_URL), so no reminder goes out until it is."
          }
        >
          <Select
            name="reminder"
            defaultValue={minutes === null ? "off" : String(minutes)}
            onChange={() => setSaved(false)}
            data-testid="reminder-minutes"
          >
            <option value="off">Never (no reminder e-mails)</option>
            {REMINDER_CHOICES.map((m) => (
              <option key={m} value={m}>
                {label(m)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex items-center gap-3 sm:mt-7">
        <Button type="submit" disabled={pending} data-testid="reminder-save">
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
