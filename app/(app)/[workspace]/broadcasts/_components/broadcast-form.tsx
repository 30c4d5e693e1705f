"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { AudienceCount } from "@/db/queries/broadcasts";
import { type InboxTemplate, renderTemplate, templateField } from "@/lib/whatsapp/templates";
import { createBroadcastAction, previewAudienceAction } from "../actions";
import { AudiencePicker, type AudienceState } from "./audience-picker";
import { type Mapping, ParameterMapping, toParameter } from "./parameter-mapping";

export type NumberTemplates = {
  id: string;
  label: string;
  templates: InboxTemplate[];
  problem: string | null;
};

type Props = { slug: string; numbers: NumberTemplates[]; tags: string[]; attributes: string[] };

const keyOf = (t: InboxTemplate) => `${t.name}|${t.language}`;

/** What the preview shows for a variable: the fixed text, or the contact field it takes. */
function sampleValue(m: Mapping | undefined): string {
  if (!m) return "";
  if (m.source === "fixed") return m.value;
  const field =
    m.source === "attribute" ? (m.attribute ? `‹${m.attribute}›` : "") : `‹${m.source}›`;
  return field;
}

export function BroadcastForm({ slug, numbers, tags, attributes }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [channelId, setChannelId] = useState(numbers[0]?.id ?? "");
  const number = numbers.find((n) => n.id === channelId);
  const [templateKey, setTemplateKey] = useState("");
  const template = number?.templates.find((t) => keyOf(t) === templateKey);
  const [mapping, setMapping] = useState<Record<string, Mapping>>({});
  const [audience, setAudience] = useState<AudienceState>({
    tags: [],
    tagMatch: "any",
    attributes: [],
  });
  const [count, setCount] = useState<AudienceCount | null>(null);
  const [when, setWhen] = useState<"now" | "later">("now");
  const [at, setAt] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(
    null,
  );
  const [pending, startTransition] = useTransition();

  // The live count follows the audience as it is edited.
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      void previewAudienceAction(slug, {
        audience: {
          ...audience,
          attributes: audience.attributes
            .filter((a) => a.key.trim())
            .map(({ key, value }) => ({ key, value })),
        },
      }).then((r) => {
        if (!stale && r.ok) setCount(r.data);
      });
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [slug, audience]);

  const values = Object.fromEntries(
    (template?.params ?? []).map((p) => [templateField(p), sampleValue(mapping[templateField(p)])]),
  );
  const unmapped = (template?.params ?? []).filter((p) => {
    const m = mapping[templateField(p)];
    return (
      !m || (m.source === "fixed" ? !m.value.trim() : m.source === "attribute" && !m.attribute)
    );
  });
  const scheduledAt = when === "later" && at ? new Date(at) : null;
  const ready =
    name.trim() &&
    template &&
    unmapped.length === 0 &&
    (count?.included ?? 0) > 0 &&
    (when === "now" || scheduledAt);

  const submit = () =>
    startTransition(async () => {
      if (!template) return;
      setError(null);
      const result = await createBroadcastAction(slug, {
        name,
        channelId,
        template: { name: template.name, language: template.language },
        parameters: Object.fromEntries(
          template.params.map((p) => {
            const key = templateField(p);
            return [key, toParameter(mapping[key])];
          }),
        ),
        audience: {
          ...audience,
          attributes: audience.attributes
            .filter((a) => a.key.trim())
            .map(({ key, value }) => ({ key, value })),
        },
        scheduledAt: scheduledAt?.toISOString() ?? null,
      });
      if (!result.ok) {
        setConfirming(false);
        setError({ message: result.message, fields: result.fieldErrors ?? {} });
        return;
      }
      router.push(`/${slug}/broadcasts/${result.data.id}`);
    });

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) setConfirming(true);
      }}
    >
      <section className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">1. Message</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label="Name"
            name="name"
            hint="For you: customers never see it."
            error={error?.fields.name}
          >
            <Input
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Summer sale, week 1"
              maxLength={120}
            />
          </Field>
          {numbers.length > 1 && (
            <Field label="Send from" name="channelId" error={error?.fields.channelId}>
              <Select
                name="channelId"
                value={channelId}
                onChange={(e) => {
                  setChannelId(e.target.value);
                  setTemplateKey("");
                }}
              >
                {numbers.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
        {number?.problem && <Notice tone="error">{number.problem}</Notice>}
        <Field
          label="Template"
          name="template"
          hint="Only approved templates with text variables are listed."
          error={error?.fields.template}
        >
          <Select
            name="template"
            value={templateKey}
            onChange={(e) => {
              setTemplateKey(e.target.value);
              setMapping({});
            }}
          >
            <option value="">Choose an approved template…</option>
            {number?.templates.map((t) => (
              <option key={keyOf(t)} value={keyOf(t)}>
                {t.name} ({t.language}){t.category ? ` · ${t.category.toLowerCase()}` : ""}
              </option>
            ))}
          </Select>
        </Field>
        {number && number.templates.length === 0 && !number.problem && (
          <p className="text-sm text-zinc-600">
            This number has no approved template yet. Create one on the Templates page; it appears
            here once WhatsApp approves it.
          </p>
        )}
        {template && (
          <div className="grid gap-4 md:grid-cols-2">
            <ParameterMapping
              template={template}
              attributes={attributes}
              mapping={mapping}
              onChange={setMapping}
              error={error?.fields.parameters}
            />
            <div>
              <p className="mb-1 text-xs font-medium text-zinc-500">The customer will read</p>
              <div className="rounded-xl bg-[#efeae2] p-3">
                <div
                  data-testid="broadcast-preview"
                  className="ml-auto w-fit max-w-[90%] rounded-lg rounded-tr-none bg-[#d9fdd3] px-3 py-2 text-sm whitespace-pre-wrap text-zinc-900 shadow-sm"
                >
                  <WhatsAppText text={renderTemplate(template, values)} />
                  {template.buttons.length > 0 && (
                    <div className="mt-2 space-y-1 border-t border-zinc-300/60 pt-2 text-center text-sky-700">
                      {template.buttons.map((b) => (
                        <p key={b}>{b}</p>
                      ))}
                    </div>
                  )}
                </div>
              </div>
              <p className="mt-1 text-xs text-zinc-500">
                ‹name› and the like are filled in per contact.
              </p>
            </div>
          </div>
        )}
      </section>

      <section className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">2. Audience</h2>
        <AudiencePicker
          tags={tags}
          attributes={attributes}
          value={audience}
          onChange={setAudience}
        />
        <AudienceSummary count={count} />
      </section>

      <section className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">3. When</h2>
        <div className="flex flex-wrap gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="when"
              checked={when === "now"}
              onChange={() => setWhen("now")}
            />
            Send now
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="when"
              checked={when === "later"}
              onChange={() => setWhen("later")}
            />
            Schedule for later
          </label>
        </div>
        {when === "later" && (
          <Field
            label="Start at (your local time)"
            name="scheduledAt"
            error={error?.fields.scheduledAt}
          >
            <Input
              name="scheduledAt"
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
              className="max-w-xs"
            />
          </Field>
        )}
      </section>

      {error && (
        <Notice tone="error" testId="broadcast-error">
          {error.message}
        </Notice>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!ready}>
          Review and send
        </Button>
        {!ready && (
          <span className="text-xs text-zinc-500">
            {!name.trim()
              ? "Give it a name."
              : !template
                ? "Choose a template."
                : unmapped.length > 0
                  ? "Say what goes in every variable."
                  : (count?.included ?? 0) === 0
                    ? "No one in this audience may receive it."
                    : "Choose when to start."}
          </span>
        )}
      </div>
      <AlertDialog open={Boolean(confirming && template && count)} onOpenChange={setConfirming}>
        <AlertDialogContent data-testid="broadcast-confirm">
          <AlertDialogHeader>
            <AlertDialogTitle>
              {template && count
                ? scheduledAt
                  ? `Send “${template.name}” to ${count.included} contacts on ${scheduledAt.toLocaleString()}?`
                  : `Send “${template.name}” to ${count.included} contacts now?`
                : "Send this broadcast?"}
            </AlertDialogTitle>
            <AlertDialogDescription>
              WhatsApp charges for each message delivered. A broadcast can be cancelled while it
              sends, but messages already sent stay sent.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Back</AlertDialogCancel>
            <Button type="button" onClick={submit} disabled={pending}>
              {pending ? "Starting…" : scheduledAt ? "Schedule it" : "Send now"}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </form>
  );
}

function AudienceSummary({ count }: { count: AudienceCount | null }) {
  if (!count) return <p className="text-sm text-zinc-500">Counting…</p>;
  const { optedOut, stoppedMarketing, neverOptedIn } = count.excluded;
  const left = optedOut + stoppedMarketing + neverOptedIn;
  return (
    <div className="rounded-lg bg-zinc-50 px-4 py-3 text-sm" data-testid="audience-count">
      <p>
        <strong className="text-lg">{count.included}</strong>{" "}
        {count.included === 1 ? "contact" : "contacts"} will receive it.
      </p>
      {left > 0 && (
        <p className="mt-1 text-zinc-600">
          {left} more {left === 1 ? "matches" : "match"} but {left === 1 ? "is" : "are"} left out:{" "}
          {[
            optedOut > 0 && `${optedOut} replied STOP`,
            stoppedMarketing > 0 && `${stoppedMarketing} opted out of marketing`,
            neverOptedIn > 0 && `${neverOptedIn} never opted in`,
          ]
            .filter(Boolean)
            .join(", ")}
          .
        </p>
      )}
    </div>
  );
}
