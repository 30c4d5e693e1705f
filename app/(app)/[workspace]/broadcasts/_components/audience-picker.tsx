"use client";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";

export type AudienceState = {
  tags: string[];
  tagMatch: "any" | "all";
  /** Each filter with an id of its own, so editing one never re-mounts another. */
  attributes: { id: string; key: string; value: string }[];
};

type Props = {
  tags: string[];
  attributes: string[];
  value: AudienceState;
  onChange: (a: AudienceState) => void;
};

const control = "rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm";

/** Tags (any or all of them) and attribute filters; no filter means every opted-in contact. */
export function AudiencePicker({ tags, attributes, value, onChange }: Props) {
  const toggle = (tag: string) =>
    onChange({
      ...value,
      tags: value.tags.includes(tag) ? value.tags.filter((t) => t !== tag) : [...value.tags, tag],
    });
  return (
    <div className="space-y-4" data-testid="audience-picker">
      <div className="space-y-2">
        <p className="text-sm font-medium text-zinc-800">Tags</p>
        {tags.length === 0 ? (
          <p className="text-sm text-zinc-500">
            Your contacts have no tags yet: every opted-in contact is included.
          </p>
        ) : (
          <div className="flex flex-wrap gap-2">
            {tags.map((tag, i) => (
              <label
                key={tag}
                htmlFor={`audience-tag-${i}`}
                className="flex cursor-pointer items-center gap-1.5 rounded-full border border-zinc-300 px-3 py-1 text-sm has-[[data-state=checked]]:border-brand-600 has-[[data-state=checked]]:bg-brand-50"
              >
                <Checkbox
                  id={`audience-tag-${i}`}
                  checked={value.tags.includes(tag)}
                  onCheckedChange={() => toggle(tag)}
                  className="bg-white"
                />
                {tag}
              </label>
            ))}
          </div>
        )}
        {value.tags.length > 1 && (
          <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-700">
            <span id="audience-tag-match">Contacts with</span>
            <Select
              value={value.tagMatch}
              onValueChange={(v) => onChange({ ...value, tagMatch: v as "any" | "all" })}
            >
              <SelectTrigger aria-labelledby="audience-tag-match" className="bg-white">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="any">any of these tags</SelectItem>
                <SelectItem value="all">all of these tags</SelectItem>
              </SelectContent>
            </Select>
          </div>
        )}
        {value.tags.length === 0 && tags.length > 0 && (
          <p className="text-xs text-zinc-500">
            No tag chosen: every opted-in contact is included.
          </p>
        )}
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-zinc-800">Attributes</p>
        {value.attributes.map((a, i) => (
          <div key={a.id} className="flex flex-wrap items-center gap-2">
            <Select
              value={a.key || undefined}
              onValueChange={(key) =>
                onChange({
                  ...value,
                  attributes: value.attributes.map((x, j) => (j === i ? { ...x, key } : x)),
                })
              }
            >
              <SelectTrigger aria-label="Attribute" className="bg-white">
                <SelectValue placeholder="Choose…" />
              </SelectTrigger>
              <SelectContent>
                {attributes.map((k) => (
                  <SelectItem key={k} value={k}>
                    {k}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <span className="text-sm text-zinc-600">is</span>
            <input
              aria-label="Attribute value"
              className={cn(control, "min-w-0 flex-1")}
              value={a.value}
              onChange={(e) =>
                onChange({
                  ...value,
                  attributes: value.attributes.map((x, j) =>
                    j === i ? { ...x, value: e.target.value } : x,
                  ),
                })
              }
            />
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() =>
                onChange({ ...value, attributes: value.attributes.filter((_, j) => j !== i) })
              }
            >
              Remove
            </Button>
          </div>
        ))}
        {attributes.length > 0 ? (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            onClick={() =>
              onChange({
                ...value,
                attributes: [...value.attributes, { id: crypto.randomUUID(), key: "", value: "" }],
              })
            }
          >
            Add an attribute filter
          </Button>
        ) : (
          <p className="text-sm text-zinc-500">Your contacts have no attributes yet.</p>
        )}
      </div>
    </div>
  );
}
