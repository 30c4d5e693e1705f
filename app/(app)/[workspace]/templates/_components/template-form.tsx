"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";
import { TEMPLATE_LANGUAGES } from "@/lib/templates/languages";
import { TEMPLATE_LIMITS, variablesIn } from "@/lib/templates/rules";
import type { TemplateRow } from "@/lib/templates/view";
import type { TemplateButton, TemplateDraft } from "@/lib/validations/template";
import { createTemplateAction, editTemplateAction } from "../actions";
import { ButtonsEditor } from "./buttons-editor";
import { SampleField } from "./sample-field";
import { TemplatePreview } from "./template-preview";

type Props = {
  slug: string;
  wabaId: string;
  editing: TemplateRow | null;
  onDone: () => void;
};

const EMPTY: TemplateDraft = {
  name: "",
  language: "en_US",
  category: "UTILITY",
  header: { kind: "none" },
  body: "",
  examples: {},
  footer: "",
  buttons: [],
};

export function TemplateForm({ slug, wabaId, editing, onDone }: Props) {
  const start = editing?.draft ?? EMPTY;
  const [draft, setDraft] = useState<TemplateDraft>(start);
  // A field changed since the last submit no longer shows that submit's error.
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const set = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setChanged((c) => (c.has(key) ? c : new Set(c).add(key)));
  };
  const save = useMutation({
    mutationFn: (d: TemplateDraft) =>
      editing
        ? editTemplateAction(slug, { id: editing.id, draft: d })
        : createTemplateAction(slug, { wabaId, draft: d }),
    onSuccess: (result) => {
      if (result.ok) onDone();
    },
  });
  const failure = save.data && !save.data.ok ? save.data : null;
  const error = (path: string) =>
    changed.has(path.split(".")[0] ?? path) ? undefined : failure?.fieldErrors?.[`draft.${path}`];
  const variables = variablesIn(draft.body);
  const headerText = draft.header.kind === "text" ? draft.header.text : "";
  const headerVariable = variablesIn(headerText)[0];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChanged(new Set());
    save.mutate(draft);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-6 md:grid-cols-2"
      data-testid="template-form"
    >
      <div className="space-y-4">
        <Field
          label="Name"
          name="template-name"
          hint="Lower-case letters, digits and underscores, e.g. order_ready. Customers do not see it."
          error={error("name")}
        >
          <Input
            name="template-name"
            value={draft.name}
            disabled={editing !== null}
            onChange={(e) => set("name", e.target.value)}
            invalid={error("name") !== undefined}
            autoComplete="off"
            data-testid="template-name"
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Language" name="template-language" error={error("language")}>
            <Select
              name="template-language"
              value={draft.language}
              disabled={editing !== null}
              onChange={(e) => set("language", e.target.value)}
              data-testid="template-language"
            >
              {TEMPLATE_LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.label} ({l.code})
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Category"
            name="template-category"
            hint={
              draft.category === "MARKETING"
                ? "Offers, news and invitations."
                : "Updates about something the customer asked for: an order, a booking, an account."
            }
            error={error("category")}
          >
            <Select
              name="template-category"
              value={draft.category}
              onChange={(e) => set("category", e.target.value as TemplateDraft["category"])}
              data-testid="template-category"
            >
              <option value="UTILITY">Utility</option>
              <option value="MARKETING">Marketing</option>
            </Select>
          </Field>
        </div>
        <Field label="Header (optional)" name="template-header-kind">
          <Select
            name="template-header-kind"
            value={draft.header.kind}
            onChange={(e) => {
              const kind = e.target.value as TemplateDraft["header"]["kind"];
              set(
                "header",
                kind === "text"
                  ? { kind, text: "", example: "" }
                  : kind === "none"
                    ? { kind }
                    : { kind, handle: start.header.kind === kind ? start.header.handle : "" },
              );
            }}
            data-testid="template-header-kind"
          >
            <option value="none">No header</option>
            <option value="text">Text</option>
            <option value="image">Picture</option>
            <option value="video">Video</option>
            <option value="document">Document</option>
          </Select>
        </Field>
        {(draft.header.kind === "image" ||
          draft.header.kind === "video" ||
          draft.header.kind === "document") && (
          <SampleField
            slug={slug}
            wabaId={wabaId}
            kind={draft.header.kind}
            hasSample={draft.header.handle !== ""}
            error={error("header.handle")}
            onUploaded={(handle) => {
              setChanged((c) => new Set(c).add("header"));
              setDraft((d) =>
                d.header.kind === "image" ||
                d.header.kind === "video" ||
                d.header.kind === "document"
                  ? { ...d, header: { ...d.header, handle } }
                  : d,
              );
            }}
          />
        )}
        {draft.header.kind === "text" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Header text"
              name="template-header-text"
              hint={`Up to ${TEMPLATE_LIMITS.header} characters, one variable at most.`}
              error={error("header.text")}
            >
              <Input
                name="template-header-text"
                value={draft.header.text}
                onChange={(e) =>
                  draft.header.kind === "text" &&
                  set("header", { ...draft.header, text: e.target.value })
                }
                invalid={error("header.text") !== undefined}
                data-testid="template-header-text"
              />
            </Field>
            {headerVariable && (
              <Field
                label={`Example for {{${headerVariable}}}`}
                name="template-header-example"
                error={error("header.example")}
              >
                <Input
                  name="template-header-example"
                  value={draft.header.example}
                  onChange={(e) =>
                    draft.header.kind === "text" &&
                    set("header", { ...draft.header, example: e.target.value })
                  }
                  invalid={error("header.example") !== undefined}
                  data-testid="template-header-example"
                />
              </Field>
            )}
          </div>
        )}
        <Field
          label="Message"
          name="template-body"
          hint="Variables are filled in when sending: {{1}}, {{2}}… or names such as {{first_name}}. *bold* and _italic_ work as in WhatsApp."
          error={error("body")}
        >
          <textarea
            id="template-body"
            name="template-body"
            rows={6}
            value={draft.body}
            onChange={(e) => set("body", e.target.value)}
            aria-invalid={error("body") !== undefined || undefined}
            className={cn(
              "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600",
              error("body") ? "border-red-400" : "border-zinc-300",
            )}
            data-testid="template-body"
          />
        </Field>
        <p className="-mt-2 text-right text-xs text-zinc-500">
          {draft.body.length} / {TEMPLATE_LIMITS.body}
        </p>
        {variables.length > 0 && (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-zinc-800">
              Examples for WhatsApp&apos;s review
            </legend>
            {variables.map((key) => (
              <Field
                key={key}
                label={`{{${key}}}`}
                name={`template-example-${key}`}
                error={error(`examples.${key}`)}
              >
                <Input
                  name={`template-example-${key}`}
                  value={draft.examples[key] ?? ""}
                  onChange={(e) => set("examples", { ...draft.examples, [key]: e.target.value })}
                  invalid={error(`examples.${key}`) !== undefined}
                  data-testid={`template-example-${key}`}
                />
              </Field>
            ))}
          </fieldset>
        )}
        <Field
          label="Footer (optional)"
          name="template-footer"
          hint={`Up to ${TEMPLATE_LIMITS.footer} characters, no variables.`}
          error={error("footer")}
        >
          <Input
            name="template-footer"
            value={draft.footer}
            onChange={(e) => set("footer", e.target.value)}
            invalid={error("footer") !== undefined}
            data-testid="template-footer"
          />
        </Field>
        <ButtonsEditor
          buttons={draft.buttons}
          onChange={(buttons: TemplateButton[]) => set("buttons", buttons)}
          error={error}
        />
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-zinc-800">
          What the customer sees (with your examples)
        </p>
        <TemplatePreview draft={draft} />
        {editing && (
          <p className="text-xs text-zinc-500">
            WhatsApp reviews every edit again; an approved template may be edited once a day and ten
            times a month, and keeps its category.
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={save.isPending} data-testid="template-save">
          {save.isPending
            ? "Sending to WhatsApp…"
            : editing
              ? "Submit changes for review"
              : "Submit for review"}
        </Button>
        <Button variant="ghost" onClick={onDone} data-testid="template-cancel">
          Cancel
        </Button>
        {failure && (
          <span
            role="alert"
            className="text-sm font-medium text-red-700"
            data-testid="template-form-error"
          >
            {failure.fieldErrors ? "Please correct the highlighted fields." : failure.message}
          </span>
        )}
        {save.isError && (
          <span role="alert" className="text-sm font-medium text-red-700">
            Could not reach Parley; your template is still here. Try again.
          </span>
        )}
      </div>
    </form>
  );
}
