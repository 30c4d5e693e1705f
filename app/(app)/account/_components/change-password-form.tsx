"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { type AccountFormState, changePasswordAction } from "../actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(
    changePasswordAction,
    {},
  );
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate>
      {state.message && (
        <Notice tone="error" testId="password-error">
          {state.message}
        </Notice>
      )}
      <Field label="Current password" name="currentPassword" error={err.currentPassword}>
        <Input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          invalid={!!err.currentPassword}
        />
      </Field>
      <NewPasswordFields label="New password" confirm errors={err} />
      <Button type="submit" disabled={pending} data-testid="change-password-submit">
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
