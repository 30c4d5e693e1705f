"use client";

import { useState } from "react";
import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { Button } from "@/components/ui/button";
import {
  type InboxTemplate,
  missingParams,
  renderTemplate,
  type TemplateValues,
  templateField,
} from "@/lib/whatsapp/templates";

export type TemplateChoice = { name: string; language: string; values: TemplateValues };

type Props = {
  templates: InboxTemplate[];
  /** Approved templates that need a file or link, which Parley cannot send. */
  unsendable: number;
  pending: boolean;
  error: string | null;
  fieldErrors?: Record<string, string>;
  submitLabel?: string;
  /** Another reason the form cannot be sent yet (shown beside the button). */
  blocked?: string | null;
  /** Sends the choice; resolves true when it was sent, so the form is cleared. */
  onSend: (choice: TemplateChoice) => Promise<boolean> | boolean;
};

const keyOf = (t: InboxTemplate) => `${t.name}|${t.language}`;

/**
 * Chooses one of the number's approved templates, fills in its values and shows it as the
 * customer will read it: the inbox's template reply and a new conversation share it.
 */
export function TemplateComposer({
  templates,
  unsendable,
  pending,
  error,
  fieldErrors = {},
  submitLabel = "Send template",
  blocked = null,
  onSend,
}: Props) {
  const [chosen, setChosen] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const template = templates.find((t) => keyOf(t) === chosen);
  const missing = template ? missingParams(template, values) : [];

  if (templates.length === 0) {
    return (
      <p className="text-sm text-zinc-600">
        This number has no approved templates Parley can send. Create one on the Templates page;
        once Meta approves it, it appears here.
      </p>
    );
  }

  return (
    <form
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!template || missing.length > 0 || blocked) return;
        const sent = await onSend({ name: template.name, language: template.language, values });
        if (sent) {
          setChosen("");
          setValues({});
        }
      }}
    >
      <label className="block text-sm font-medium text-zinc-800" htmlFor="template-choice">
        Template
      </label>
      <select
        id="template-choice"
        value={chosen}
        onChange={(e) => {
          setChosen(e.target.value);
          setValues({});
        }}
        className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm"
      >
        <option value="">Choose an approved template…</option>
        {templates.map((t) => (
          <option key={keyOf(t)} value={keyOf(t)}>
            {t.name} ({t.language}){t.category ? ` · ${t.category.toLowerCase()}` : ""}
          </option>
        ))}
      </select>
      {unsendable > 0 && (
        <p className="text-xs text-zinc-500">
          {unsendable} more approved template(s) need a file or link and can only be sent from
          WhatsApp Manager.
        </p>
      )}
      {template && (
        <div className="grid gap-3 md:grid-cols-2">
          <div className="space-y-2">
            {template.params.length === 0 && (
              <p className="text-sm text-zinc-600">This template has no values to fill in.</p>
            )}
            {template.params.map((p) => {
              const field = templateField(p);
              const fieldError = fieldErrors[`values.${field}`];
              return (
                <label key={field} className="block text-sm">
                  <span className="text-zinc-700">
                    {p.component === "header" ? "Header" : "Body"} value {`{{${p.key}}}`}
                  </span>
                  <input
                    value={values[field] ?? ""}
                    onChange={(e) => setValues({ ...values, [field]: e.target.value })}
                    aria-invalid={fieldError ? true : undefined}
                    className="mt-1 w-full rounded-lg border border-zinc-300 px-3 py-1.5 text-sm"
                  />
                  {fieldError && <span className="text-xs text-red-700">{fieldError}</span>}
                </label>
              );
            })}
          </div>
          <div>
            <p className="mb-1 text-xs font-medium text-zinc-500">The customer will read</p>
            <div
              data-testid="template-preview"
              className="rounded-lg bg-emerald-50 px-3 py-2 text-sm whitespace-pre-wrap text-zinc-900"
            >
              <WhatsAppText text={renderTemplate(template, values)} />
            </div>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          disabled={!template || missing.length > 0 || pending || Boolean(blocked)}
        >
          {pending ? "Sending…" : submitLabel}
        </Button>
        {blocked ? (
          <span className="text-xs text-zinc-500">{blocked}</span>
        ) : (
          template &&
          missing.length > 0 && (
            <span className="text-xs text-zinc-500">Fill in every value to send.</span>
          )
        )}
      </div>
    </form>
  );
}
