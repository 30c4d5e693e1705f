"use client";

import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { BroadcastParameter } from "@/db/schema/broadcasts";
import { type InboxTemplate, templateField } from "@/lib/whatsapp/templates";

export type Mapping = {
  source: "name" | "phone" | "attribute" | "fixed";
  attribute: string;
  value: string;
  fallback: string;
};

const EMPTY: Mapping = { source: "name", attribute: "", value: "", fallback: "" };

/** The mapping as the broadcast stores it. */
export function toParameter(m: Mapping | undefined): BroadcastParameter {
  const x = m ?? EMPTY;
  if (x.source === "fixed") return { kind: "fixed", value: x.value };
  return {
    kind: "field",
    field: x.source === "attribute" ? `attributes.${x.attribute}` : x.source,
    fallback: x.fallback,
  };
}

type Props = {
  template: InboxTemplate;
  attributes: string[];
  mapping: Record<string, Mapping>;
  onChange: (m: Record<string, Mapping>) => void;
  error?: string;
};

const control = "rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm";

/** Per template variable: a contact field (with a fallback for contacts without it) or a fixed text. */
export function ParameterMapping({ template, attributes, mapping, onChange, error }: Props) {
  if (template.params.length === 0) {
    return <p className="text-sm text-zinc-600">This template has no variables to fill in.</p>;
  }
  return (
    <div className="space-y-3" data-testid="parameter-mapping">
      {template.params.map((p) => {
        const key = templateField(p);
        const m = mapping[key] ?? EMPTY;
        const set = (change: Partial<Mapping>) =>
          onChange({ ...mapping, [key]: { ...m, ...change } });
        return (
          <fieldset key={key} className="space-y-1.5 rounded-lg border border-zinc-200 p-3">
            <legend className="px-1 text-sm font-medium text-zinc-800">
              {p.component === "header" ? "Header" : "Body"} {`{{${p.key}}}`}
            </legend>
            <div className="flex flex-wrap gap-2">
              <Select
                value={m.source}
                onValueChange={(v) => set({ source: v as Mapping["source"] })}
              >
                <SelectTrigger aria-label={`Source of {{${p.key}}}`} className="bg-white">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="name">Contact's name</SelectItem>
                  <SelectItem value="phone">Contact's phone</SelectItem>
                  <SelectItem value="attribute">Contact attribute…</SelectItem>
                  <SelectItem value="fixed">Fixed text</SelectItem>
                </SelectContent>
              </Select>
              {m.source === "attribute" && (
                <Select
                  value={m.attribute || undefined}
                  onValueChange={(attribute) => set({ attribute })}
                >
                  <SelectTrigger aria-label={`Attribute for {{${p.key}}}`} className="bg-white">
                    <SelectValue placeholder="Choose an attribute…" />
                  </SelectTrigger>
                  <SelectContent>
                    {attributes.map((a) => (
                      <SelectItem key={a} value={a}>
                        {a}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
              {m.source === "fixed" ? (
                <input
                  aria-label={`Text for {{${p.key}}}`}
                  className={`${control} min-w-0 flex-1 basis-48`}
                  value={m.value}
                  onChange={(e) => set({ value: e.target.value })}
                  placeholder="The same for everyone"
                />
              ) : (
                <input
                  aria-label={`Fallback for {{${p.key}}}`}
                  className={`${control} min-w-0 flex-1 basis-40`}
                  value={m.fallback}
                  onChange={(e) => set({ fallback: e.target.value })}
                  placeholder="If the contact has none"
                />
              )}
            </div>
          </fieldset>
        );
      })}
      <p className="text-xs text-zinc-500">
        A contact with no value and no fallback is left out (WhatsApp refuses empty variables).
      </p>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
