"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { TemplateRow } from "@/lib/templates/view";
import { deleteTemplateAction } from "../actions";

type Props = {
  slug: string;
  rows: TemplateRow[];
  onEdit: (row: TemplateRow) => void;
  onDeleted: () => void;
};

const TONE = {
  ok: "bg-brand-50 text-brand-700",
  waiting: "bg-amber-50 text-amber-800",
  bad: "bg-red-50 text-red-800",
} as const;

export function TemplatesTable({ slug, rows, onEdit, onDeleted }: Props) {
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-300 px-5 py-8 text-center text-sm text-zinc-600">
        No templates yet. Create one to reach customers outside the 24-hour window.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm">
      {rows.map((row) => (
        <li key={row.id} className="space-y-2 px-5 py-4" data-testid={`template-row-${row.name}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 space-y-1">
              <p className="font-medium text-zinc-900">
                {row.name}{" "}
                <span className="text-sm font-normal text-zinc-500">
                  {row.language} · {row.category}
                </span>
              </p>
              <p className="max-w-2xl text-sm whitespace-pre-wrap text-zinc-700">
                {row.preview.header && (
                  <span className="block font-semibold">{row.preview.header}</span>
                )}
                {row.preview.body}
              </p>
              {row.preview.buttons.length > 0 && (
                <p className="text-xs text-zinc-500">Buttons: {row.preview.buttons.join(" · ")}</p>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <span
                className={cn("rounded-full px-2.5 py-0.5 text-xs font-medium", TONE[row.tone])}
                data-testid="template-status"
              >
                {row.statusLabel}
              </span>
              <span className="text-xs text-zinc-500" data-testid="template-quality">
                Quality: {row.quality}
              </span>
              {row.editable && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => onEdit(row)}
                  data-testid="template-edit"
                >
                  Edit
                </Button>
              )}
              <ConfirmButton
                label="Delete"
                question={`Delete “${row.name}” (${row.language})? WhatsApp keeps the name unusable for four weeks.`}
                confirmLabel="Delete"
                onConfirm={() => deleteTemplateAction(slug, { id: row.id })}
                onDone={onDeleted}
                testId="template-delete"
              />
            </div>
          </div>
          {row.reason && (
            <p className="text-sm text-red-800" data-testid="template-reason">
              {row.reason}
            </p>
          )}
          {row.categoryNote && (
            <p className="text-sm text-amber-800" data-testid="template-category-note">
              {row.categoryNote}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
