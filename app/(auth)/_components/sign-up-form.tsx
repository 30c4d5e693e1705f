"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { type AuthFormState, signUpAction } from "../actions";

type Props = { next: string | null; invited: boolean };

export function SignUpForm({ next, invited }: Props) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  const err = state.fieldErrors ?? {};
  if (state.sent) {
    return (
      <Notice tone="success" title="Check your e-mail" testId="sign-up-sent">
        We sent a message to <strong>{state.values?.email}</strong>. Open the link in it to confirm
        your address and finish setting up. Nothing there after a few minutes? Look in your spam
        folder, or sign up again to get a new link.
      </Notice>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {state.message && (
        <Notice tone="error" testId="auth-error">
          {state.message}
        </Notice>
      )}
      <Field label="Your name" name="name" error={err.name}>
        <Input
          name="name"
          autoComplete="name"
          invalid={!!err.name}
          defaultValue={state.values?.name}
        />
      </Field>
      {!invited && (
        <Field
          label="Business name"
          name="workspaceName"
          hint="Your customers see your WhatsApp display name; this one is for you and your team."
          error={err.workspaceName}
        >
          <Input
            name="workspaceName"
            autoComplete="organization"
            invalid={!!err.workspaceName}
            defaultValue={state.values?.workspaceName}
          />
        </Field>
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
      <NewPasswordFields errors={err} />
      <Button type="submit" disabled={pending} className="w-full" data-testid="sign-up-submit">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
