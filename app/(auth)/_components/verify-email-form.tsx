"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { AuthFormState } from "../actions";
import { verifyEmailAction } from "../password-actions";

// A button rather than confirming on page load: mail scanners that open links do not use them up.
export function VerifyEmailForm({ token, next }: { token: string; next: string | null }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(verifyEmailAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {next && <input type="hidden" name="next" value={next} />}
      {state.message && (
        <Notice tone="error" testId="auth-error">
          {state.message}
        </Notice>
      )}
      <Button type="submit" disabled={pending} className="w-full" data-testid="verify-submit">
        {pending ? "Confirming…" : "Confirm my e-mail address"}
      </Button>
    </form>
  );
}
