"use client";

import { type FormEvent, useState, useTransition } from "react";
import type {
  ManualConnectFieldErrors,
  ManualConnectResult,
  SignupSessionView,
} from "@/lib/onboarding/types";
import type { ManualConnectForm as ManualForm } from "@/lib/validations/onboarding";

type Field = keyof ManualForm;

const FIELDS: { name: Field; label: string; testId: string; hint: string; secret?: boolean }[] = [
  {
    name: "accessToken",
    label: "Access token",
    testId: "manual-access-token",
    hint: "A system user's permanent token with whatsapp_business_management and whatsapp_business_messaging.",
    secret: true,
  },
  {
    name: "phoneNumberId",
    label: "Phone number id",
    testId: "manual-phone-number-id",
    hint: "WhatsApp Manager → Phone numbers, or the API Setup page of your Meta app.",
  },
  {
    name: "wabaId",
    label: "WhatsApp Business account id",
    testId: "manual-waba-id",
    hint: "Shown next to the phone number id on the same pages.",
  },
];

/** For businesses that set up the Cloud API themselves: paste the ids and a token. */
export function ManualConnectForm({
  onSubmit,
  onConnected,
}: {
  onSubmit: (form: ManualForm) => Promise<ManualConnectResult>;
  onConnected: (view: SignupSessionView) => void;
}) {
  const [form, setForm] = useState<ManualForm>({ accessToken: "", phoneNumberId: "", wabaId: "" });
  const [fieldErrors, setFieldErrors] = useState<ManualConnectFieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      try {
        const result = await onSubmit(form);
        if (result.ok) {
          setFieldErrors({});
          setMessage(null);
          setForm({ accessToken: "", phoneNumberId: "", wabaId: "" });
          onConnected(result.view);
        } else {
          setFieldErrors(result.fieldErrors);
          setMessage(result.message);
        }
      } catch {
        setMessage("Something went wrong on our side. Please try again.");
      }
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="manual-form">
      {FIELDS.map((f) => {
        const error = fieldErrors[f.name];
        return (
          <label key={f.name} className="block text-sm font-medium text-zinc-700">
            {f.label}
            <input
              type={f.secret ? "password" : "text"}
              inputMode={f.secret ? undefined : "numeric"}
              autoComplete="off"
              spellCheck={false}
              value={form[f.name]}
              onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${f.testId}-hint`}
              data-testid={f.testId}
              className={`mt-1 block w-full rounded-lg border px-3 py-2 font-mono text-sm ${error ? "border-red-500" : "border-zinc-300"}`}
            />
            <span id={`${f.testId}-hint`} className="mt-1 block text-xs font-normal text-zinc-500">
              {f.hint}
            </span>
            {error && (
              <span className="mt-1 block text-xs text-red-600" data-testid={`${f.testId}-error`}>
                {error}
              </span>
            )}
          </label>
        );
      })}
      {message && (
        <p role="alert" className="text-sm text-red-700" data-testid="manual-error">
          {message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        data-testid="manual-submit"
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        {pending ? "Checking with Facebook…" : "Check and connect"}
      </button>
    </form>
  );
}
