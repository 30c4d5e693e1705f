"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import {
  ALERT_FILLS,
  exampleValues,
  PARLEY_ALERT_TEMPLATE,
  previewAlert,
} from "@/lib/bot/alerts/alert-template";
import {
  type AlertTemplatesView,
  alertDelivery,
  choiceProblem,
  optionKey,
  WAITING,
} from "@/lib/bot/alerts/alert-templates-view";
import { createAlertTemplateAction } from "../actions";
import type { SectionProps } from "./use-settings-form";

type Props = SectionProps & {
  slug: string;
  initialTemplates: AlertTemplatesView;
  canEmail: boolean;
  /** The workspace's own name, in the example alert. */
  businessName: string;
};

// Polling a review: Meta limits template API calls per WABA, so not more often than this.
const REVIEW_POLL_MS = 30_000;

const TONE = { ok: "success", waiting: "info", warning: "warning" } as const;

// Parley's own template as it will read, shown before it is submitted.
const PARLEY_TEMPLATE = {
  name: PARLEY_ALERT_TEMPLATE.name,
  language: PARLEY_ALERT_TEMPLATE.language,
  category: PARLEY_ALERT_TEMPLATE.category,
  header: null,
  body: PARLEY_ALERT_TEMPLATE.body,
  footer: null,
  buttons: [],
  params: ALERT_FILLS.map((_, i) => ({ component: "body" as const, key: String(i + 1) })),
  named: false,
};

/** The approved WhatsApp template staff alerts go out with, and Parley's own when none fits. */
export function AlertTemplateField({
  slug,
  values,
  set,
  errors,
  initialTemplates,
  canEmail,
  businessName,
}: Props) {
  const templates = useQuery({
    queryKey: ["alert-templates", slug],
    queryFn: async (): Promise<AlertTemplatesView> => {
      const res = await fetch(`/${slug}/bot/alert-templates`, { cache: "no-store" });
      if (!res.ok) throw new Error("The templates could not be read; try again in a moment.");
      return res.json();
    },
    initialData: initialTemplates,
    refetchInterval: (q) =>
      q.state.data?.kind === "ok" && q.state.data.options.some((o) => WAITING.has(o.status))
        ? REVIEW_POLL_MS
        : false,
  });
  const view = templates.data;
  const choose = (t: { name: string; language: string } | null) => {
    set("alertTemplateName", t?.name ?? "");
    set("alertTemplateLanguage", t?.language ?? "");
  };
  const create = useMutation({
    mutationFn: () => createAlertTemplateAction(slug, {}),
    onSuccess: (result) => {
      if (!result.ok) return;
      templates.refetch();
      // Chosen in the form at once; saving keeps it, and alerts use it once WhatsApp approves.
      choose(result.data.template);
    },
  });

  const chosen =
    values.alertTemplateName && values.alertTemplateLanguage
      ? { name: values.alertTemplateName, language: values.alertTemplateLanguage }
      : null;
  const options = view.kind === "ok" ? view.options : [];
  const offered = options.filter((o) => choiceProblem(o) === null);
  const refused = options.filter((o) => choiceProblem(o) !== null);
  const chosenOption = chosen && options.find((o) => optionKey(o) === optionKey(chosen));
  const hasParleys = options.some((o) => o.name === PARLEY_ALERT_TEMPLATE.name);
  const delivery = alertDelivery(view, chosen, canEmail);
  const createFailed = create.data && !create.data.ok ? create.data.message : null;

  return (
    <div className="space-y-4 border-t border-zinc-100 pt-5" data-testid="alert-template">
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">WhatsApp alert template</h3>
        <p className="mt-1 text-xs text-zinc-600">
          Parley fills the template's numbered blanks:{" "}
          {ALERT_FILLS.map((f, i) => `{{${i + 1}}} ${f.label}`).join(", ")}.
        </p>
      </div>
      <Notice tone={TONE[delivery.tone]} title={delivery.title} testId="alert-delivery">
        {delivery.text}
      </Notice>

      {view.kind === "ok" && (
        <Field
          label="Template for WhatsApp alerts"
          name="alertTemplateName"
          error={errors.alertTemplateName}
          hint={`Approved templates of ${view.number} that Parley can fill in.`}
        >
          <Select
            name="alertTemplateName"
            value={chosen ? optionKey(chosen) : ""}
            onChange={(e) => {
              const picked = offered.find((o) => optionKey(o) === e.target.value);
              choose(picked ? { name: picked.name, language: picked.language } : null);
            }}
            invalid={errors.alertTemplateName !== undefined}
            data-testid="alert-template-select"
          >
            <option value="">No template: no WhatsApp alerts</option>
            {/* A stored choice that is no longer offered stays visible, so it can be replaced. */}
            {chosen && !offered.some((o) => optionKey(o) === optionKey(chosen)) && (
              <option value={optionKey(chosen)}>
                {chosen.name} ({chosen.language}) – cannot be used
              </option>
            )}
            {offered.map((o) => (
              <option key={optionKey(o)} value={optionKey(o)}>
                {o.name} ({o.language})
                {WAITING.has(o.status) ? " – waiting for WhatsApp's approval" : ""}
              </option>
            ))}
          </Select>
        </Field>
      )}

      {chosenOption?.preview && (
        <div>
          <p className="text-xs font-medium text-zinc-700">
            Your contact will read (with example details):
          </p>
          <p
            className="mt-1 max-w-md whitespace-pre-line rounded-lg bg-emerald-50 px-3 py-2 text-sm text-zinc-800"
            data-testid="alert-preview"
          >
            {chosenOption.preview}
          </p>
        </div>
      )}

      {view.kind === "ok" && !hasParleys && (
        <div
          className="space-y-3 rounded-lg border border-dashed border-zinc-300 p-4"
          data-testid="alert-create"
        >
          <p className="text-sm text-zinc-800">
            {offered.length === 0 ? (
              <span className="font-semibold">
                Your number has no approved template that can carry alerts.{" "}
              </span>
            ) : null}
            Parley can ask WhatsApp to approve one made for alerts. With example details, it reads:
          </p>
          <p className="max-w-md whitespace-pre-line rounded-lg bg-emerald-50 px-3 py-2 text-sm text-zinc-800">
            {previewAlert(PARLEY_TEMPLATE, exampleValues(businessName))}
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button
              variant={offered.length === 0 ? "primary" : "secondary"}
              size="sm"
              disabled={create.isPending}
              onClick={() => create.mutate()}
              data-testid="alert-create-button"
            >
              {create.isPending ? "Sending to WhatsApp…" : "Create Parley's alert template"}
            </Button>
            <span className="text-xs text-zinc-500">
              WhatsApp reviews it first, usually within minutes.
            </span>
          </div>
          {createFailed && (
            <p role="alert" className="text-sm font-medium text-red-700">
              {createFailed}
            </p>
          )}
          {create.isError && (
            <p role="alert" className="text-sm font-medium text-red-700">
              The server did not answer. Try again.
            </p>
          )}
        </div>
      )}

      {create.data?.ok && (
        <p className="text-sm text-zinc-700" aria-live="polite">
          Parley's template was sent to WhatsApp and is chosen above. Save changes to keep it.
        </p>
      )}

      {view.kind === "ok" && options.some((o) => WAITING.has(o.status)) && (
        <Button
          variant="ghost"
          size="sm"
          disabled={templates.isFetching}
          onClick={() => templates.refetch()}
        >
          {templates.isFetching ? "Asking WhatsApp…" : "Check the review again"}
        </Button>
      )}

      {refused.length > 0 && (
        <details className="text-xs text-zinc-600">
          <summary className="cursor-pointer">
            Templates that cannot carry alerts ({refused.length})
          </summary>
          <ul className="mt-2 space-y-1">
            {refused.map((o) => (
              <li key={optionKey(o)}>
                <span className="font-medium text-zinc-800">
                  {o.name} ({o.language})
                </span>
                : {choiceProblem(o)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
