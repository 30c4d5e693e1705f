"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field, Input, Select } from "@/components/ui/field";
import { createApiKeyAction } from "../actions";

export function CreateApiKeyForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // Held in this component's memory only: it is gone on "Done" or when the page is left.
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const access = data.get("access") === "read" ? "read" : "write";
    startTransition(async () => {
      const result = await createApiKeyAction(slug, { name, access });
      if (!result.ok) {
        setError(result.fieldErrors?.name ?? result.message);
        return;
      }
      setError(null);
      setSecret({ name: result.data.name, key: result.data.key });
      form.reset();
      router.refresh();
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <div className="flex-1">
          <Field label="Name" name="name" error={error ?? undefined}>
            <Input
              name="name"
              placeholder="e.g. CRM sync"
              autoComplete="off"
              invalid={error !== null}
              data-testid="api-key-name"
            />
          </Field>
        </div>
        <div className="sm:w-56">
          <Field
            label="Access"
            name="access"
            hint="Read-only keys can list conversations and messages but change nothing."
          >
            <Select name="access" defaultValue="write" data-testid="api-key-access">
              <option value="write">Read and write</option>
              <option value="read">Read only</option>
            </Select>
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-7" data-testid="api-key-create">
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
      {secret && (
        <div
          role="status"
          className="space-y-2 rounded-lg border-2 border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          <p className="font-semibold">Your new key “{secret.name}”</p>
          <CopyField value={secret.key} label="API key" testId="api-key-secret" />
          <p>
            Copy it now: you won&apos;t see it again. Parley keeps only a fingerprint of it, so a
            lost key cannot be shown; revoke it and create another.
          </p>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setSecret(null)}
            data-testid="api-key-done"
          >
            Done
          </Button>
        </div>
      )}
    </div>
  );
}
