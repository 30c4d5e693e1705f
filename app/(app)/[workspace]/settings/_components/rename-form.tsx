"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { renameWorkspaceAction } from "../actions";

type Props = { slug: string; name: string };

export function RenameForm({ slug, name }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    setSaved(false);
    startTransition(async () => {
      const result = await renameWorkspaceAction(slug, { name: value });
      if (!result.ok) {
        setError(result.fieldErrors?.name ?? result.message);
        return;
      }
      setError(null);
      setSaved(true);
      // The header and the workspace switcher show the name too.
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
      <div className="flex-1">
        <Field label="Name" name="name" error={error ?? undefined}>
          <Input
            name="name"
            defaultValue={name}
            invalid={error !== null}
            onChange={() => setSaved(false)}
            data-testid="workspace-name"
          />
        </Field>
      </div>
      <div className="flex items-center gap-3 sm:mt-7">
        <Button type="submit" disabled={pending} data-testid="workspace-save">
          {pending ? "Saving…" : "Save"}
        </Button>
        {saved && (
          <span
            role="status"
            className="text-sm font-medium text-brand-700"
            data-testid="workspace-saved"
          >
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
