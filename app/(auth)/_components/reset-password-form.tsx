"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { AuthFormState } from "../actions";
import { resetPasswordAction } from "../password-actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(resetPasswordAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.message && (
        <Notice tone="error" testId="auth-error">
          {state.message}
        </Notice>
      )}
      <Field
        label="New password"
        name="password"
        hint="At least 10 characters. A short sentence is easy to remember."
        error={err.password}
      >
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          invalid={!!err.password}
        />
      </Field>
      <Field label="New password again" name="confirm" error={err.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" invalid={!!err.confirm} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full" data-testid="reset-submit">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
