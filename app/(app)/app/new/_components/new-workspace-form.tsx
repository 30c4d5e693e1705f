"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createWorkspaceAction, type NewWorkspaceState } from "../actions";

export function NewWorkspaceForm() {
  const [state, action, pending] = useActionState<NewWorkspaceState, FormData>(
    createWorkspaceAction,
    {},
  );
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field label="Business name" name="name" error={state.error}>
        <Input name="name" invalid={!!state.error} defaultValue={state.name} autoFocus />
      </Field>
      <Button type="submit" disabled={pending} data-testid="create-workspace">
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
