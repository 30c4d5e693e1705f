"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { Button } from "@/components/ui/button";
import {
  type InboxTemplate,
  missingParams,
  renderTemplate,
  templateField,
} from "@/lib/whatsapp/templates";
import { fetchTemplates, inboxKeys } from "./inbox-client";
import { ActionRefused, type ConversationActions } from "./use-conversation-actions";

type Props = { slug: string; conversationId: string; actions: ConversationActions };

const keyOf = (t: InboxTemplate) => `${t.name}|${t.language}`;

/** Outside the 24-hour window: choose an approved template, fill in its values, and send it. */
export function TemplatePicker({ slug, conversationId, actions }: Props) {
  const list = useQuery({
    queryKey: inboxKeys.templates(slug, conversationId),
    queryFn: () => fetchTemplates(slug, conversationId),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const send = actions.sendTemplate;
  const templates = list.data?.ok ? list.data.templates : [];
  const template = templates.find((t) => keyOf(t) === chosen);
  const missing = template ? missingParams(template, values) : [];
  const refused = send.error instanceof ActionRefused ? send.error : null;

  if (list.isPending) return <p className="text-sm text-zinc-500">Loading approved templates…</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data.ok)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.data.message}
      </p>
    );
  if (templates.length === 0) {
    return (
      <p className="text-sm text-zinc-600">
        This number has no approved templates the inbox can send. Create one in WhatsApp Manager;
        once Meta approves it, it appears here.
      </p>
    );
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!template || missing.length > 0) return;
        send.mutate(
          { clientId, name: template.name, language: template.language, values },
          {
            onSuccess: () => {
              setChosen("");
              setValues({});
              setClientId(crypto.randomUUID());
            },
          },
        );
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
      {list.data.unsendable > 0 && (
        <p className="text-xs text-zinc-500">
          {list.data.unsendable} more approved template(s) need a file or link and can only be sent
          from WhatsApp Manager.
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
              const error = refused?.fieldErrors[`values.${field}`];
              return (
                <label key={field} className="block text-sm">
                  <span className="text-zinc-700">
                    {p.component === "header" ? "Header" : "Body"} value {`{{${p.key}}}`}
                  </span>
                  <input
                    value={values[field] ?? ""}
                    onChange={(e) => setValues({ ...values, [field]: e.target.value })}
                    aria-invalid={error ? true : undefined}
                    className="mt-1 w-full rounded-lg border border-zinc-300 px-3 py-1.5 text-sm"
                  />
                  {error && <span className="text-xs text-red-700">{error}</span>}
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
      {send.error && (
        <p role="alert" className="text-sm text-red-700">
          {send.error.message}
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!template || missing.length > 0 || send.isPending}>
          {send.isPending ? "Sending…" : "Send template"}
        </Button>
        {template && missing.length > 0 && (
          <span className="text-xs text-zinc-500">Fill in every value to send.</span>
        )}
      </div>
    </form>
  );
}
