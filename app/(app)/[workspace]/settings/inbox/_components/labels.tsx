"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { LABEL_STYLES, LabelChip, type LabelView } from "@/components/inbox/label-chip";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, Input, Select } from "@/components/ui/field";
import { LABEL_COLORS, LABEL_NAME_MAX, type LabelColor } from "@/lib/inbox/label-colors";
import { createLabelAction, deleteLabelAction, updateLabelAction } from "../actions";

export function Labels({ slug, labels }: { slug: string; labels: LabelView[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-5">
      {labels.length === 0 ? (
        <p className="text-sm text-zinc-500">No labels yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-100" data-testid="labels">
          {labels.map((l) =>
            editing === l.id ? (
              <li key={l.id} className="py-3">
                <LabelForm slug={slug} label={l} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={l.id} className="flex items-center gap-3 py-2.5" data-testid="label-row">
                <LabelChip label={l} className="text-xs" />
                <div className="ml-auto flex items-start gap-2">
                  <Button variant="secondary" size="sm" onClick={() => setEditing(l.id)}>
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete "${l.name}" and take it off every conversation?`}
                    confirmLabel="Delete"
                    testId="label-delete"
                    onConfirm={async () => {
                      const result = await deleteLabelAction(slug, { id: l.id });
                      return result.ok ? { ok: true } : { ok: false, message: result.message };
                    }}
                  />
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      <div className="rounded-lg border border-dashed border-zinc-300 p-4">
        <h3 className="mb-3 text-sm font-semibold text-zinc-900">Add a label</h3>
        <LabelForm slug={slug} />
      </div>
    </div>
  );
}

function LabelForm({
  slug,
  label,
  onDone,
}: {
  slug: string;
  label?: LabelView;
  onDone?: () => void;
}) {
  const router = useRouter();
  const id = (field: string) => `label-${label?.id ?? "new"}-${field}`;
  const [name, setName] = useState(label?.name ?? "");
  const [color, setColor] = useState<LabelColor>(label?.color ?? "blue");
  const save = useMutation({
    mutationFn: (input: { name: string; color: LabelColor }) =>
      label ? updateLabelAction(slug, { id: label.id, ...input }) : createLabelAction(slug, input),
    onSuccess: (result) => {
      if (!result.ok) return;
      router.refresh();
      if (label) return onDone?.();
      setName("");
    },
  });
  const failure = save.data && !save.data.ok ? save.data : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name, color });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-wrap items-end gap-3"
      data-testid="label-form"
    >
      <div className="min-w-48 flex-1">
        <Field label="Name" name={id("name")} error={failure?.fieldErrors?.name}>
          <Input
            name={id("name")}
            value={name}
            maxLength={LABEL_NAME_MAX}
            onChange={(e) => setName(e.target.value)}
            invalid={failure?.fieldErrors?.name !== undefined}
            placeholder="e.g. Refund"
            autoComplete="off"
          />
        </Field>
      </div>
      <div className="w-36">
        <Field label="Colour" name={id("color")}>
          <Select
            name={id("color")}
            value={color}
            onChange={(e) => setColor(e.target.value as LabelColor)}
          >
            {LABEL_COLORS.map((c) => (
              <option key={c} value={c}>
                {LABEL_STYLES[c].name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <LabelChip
        label={{ id: "preview", name: name.trim() || "Preview", color }}
        className="mb-2.5"
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : label ? "Save" : "Add label"}
        </Button>
        {label && (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
      {failure && !failure.fieldErrors && (
        <p role="alert" className="w-full text-sm text-red-700">
          {failure.message}
        </p>
      )}
    </form>
  );
}
