"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { registerNumberAction } from "../actions";

type Props = { slug: string; channelId: string };

/** For a number saved before WhatsApp registered it: register it, with the owner's PIN or ours. */
export function RegisterNumber({ slug, channelId }: Props) {
  const router = useRouter();
  const [pinError, setPinError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const name = `pin-${channelId}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const pin = String(new FormData(form).get(name) ?? "");
    setPinError(null);
    setProblem(null);
    startTransition(async () => {
      const result = await registerNumberAction(slug, { channelId, pin });
      if (!result.ok) {
        if (result.fieldErrors?.pin) setPinError(result.fieldErrors.pin);
        else setProblem(result.message);
        return;
      }
      form.reset();
      router.refresh();
    });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded-lg border border-amber-200 bg-white p-4"
      data-testid="register-number"
    >
      <div className="space-y-1">
        <h3 className="text-sm font-semibold text-zinc-900">Register this number with WhatsApp</h3>
        <p className="text-sm text-zinc-600">
          WhatsApp only delivers replies from numbers registered for its Cloud API. Registering
          takes a few seconds and protects the number with a 6-digit two-step verification PIN.
        </p>
      </div>
      <div className="max-w-sm">
        <Field
          label="Two-step verification PIN (optional)"
          name={name}
          error={pinError ?? undefined}
          hint="If the number already has a PIN (WhatsApp Manager → Phone numbers → Settings), enter it. Otherwise leave this empty: Parley creates a PIN and keeps it safely for you."
        >
          <Input
            name={name}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            placeholder="6 digits, or leave empty"
            invalid={pinError !== null}
            data-testid="register-pin"
          />
        </Field>
      </div>
      {problem && (
        <Notice tone="error" testId="register-error">
          {problem}
        </Notice>
      )}
      <Button type="submit" disabled={pending} data-testid="register-submit">
        {pending ? "Registering with WhatsApp…" : "Register number"}
      </Button>
    </form>
  );
}
