"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { Button } from "@/components/ui/button";
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
      <NewPasswordFields label="New password" confirm errors={err} />
      <Button type="submit" disabled={pending} className="w-full" data-testid="reset-submit">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
