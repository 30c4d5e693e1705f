"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { AuthFormState } from "../actions";
import { forgotPasswordAction } from "../password-actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(
    forgotPasswordAction,
    {},
  );
  if (state.sent) {
    return (
      <Notice tone="success" title="Check your e-mail" testId="reset-sent">
        If <strong>{state.values?.email}</strong> has a Parley account, a link to choose a new
        password is on its way. It works once, for one hour.
      </Notice>
    );
  }
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && (
        <Notice tone="error" testId="auth-error">
          {state.message}
        </Notice>
      )}
      <Field label="E-mail" name="email" error={err.email}>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          invalid={!!err.email}
          defaultValue={state.values?.email}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full" data-testid="reset-request">
        {pending ? "Sending…" : "Send me a link"}
      </Button>
    </form>
  );
}
