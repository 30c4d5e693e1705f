"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PRIORITIES, type Priority } from "@/lib/inbox/priorities";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import {
  describeSnooze,
  fromLocalInput,
  SNOOZE_PRESETS,
  type SnoozePreset,
  snoozeUntil,
} from "@/lib/inbox/snooze-presets";
import { LabelChip, type LabelView } from "./label-chip";
import { PRIORITY_NAMES } from "./priority-chip";
import type { ConversationActions } from "./use-conversation-actions";

type Props = {
  conversation: ThreadView["conversation"];
  labels: LabelView[];
  timezone: string;
  serverNow: string;
  actions: ConversationActions;
};

const select = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm";

/** Labels, priority and snooze of one conversation, in its header. */
export function ConversationTools({
  conversation: c,
  labels,
  timezone,
  serverNow,
  actions,
}: Props) {
  const [custom, setCustom] = useState<string | null>(null);
  const [customError, setCustomError] = useState<string | null>(null);
  const on = new Set(c.labelIds);
  const current = labels.filter((l) => on.has(l.id));
  const addable = labels.filter((l) => !on.has(l.id));
  const snoozedUntil =
    c.snoozedUntil && Date.parse(c.snoozedUntil) > Date.parse(serverNow)
      ? new Date(c.snoozedUntil)
      : null;

  const snoozeCustom = () => {
    const until = custom ? fromLocalInput(custom, timezone) : null;
    if (!until || until.getTime() <= Date.now()) {
      setCustomError("Choose a time in the future.");
      return;
    }
    setCustomError(null);
    actions.snooze.mutate(until, { onSuccess: () => setCustom(null) });
  };

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="conversation-tools">
      <label className="flex items-center gap-1.5 text-sm text-zinc-600">
        <span>Priority</span>
        <select
          aria-label="Priority"
          value={c.priority}
          disabled={actions.prioritize.isPending}
          onChange={(e) => actions.prioritize.mutate(e.target.value as Priority)}
          className={select}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_NAMES[p]}
            </option>
          ))}
        </select>
      </label>
      {c.status !== "closed" &&
        (snoozedUntil ? (
          <span
            className="flex items-center gap-1.5 rounded-md bg-violet-50 px-2 py-1 text-sm text-violet-900"
            data-testid="snoozed-until"
          >
            Snoozed until {describeSnooze(snoozedUntil, timezone)}
            <button
              type="button"
              className="text-xs font-medium underline"
              disabled={actions.snooze.isPending}
              onClick={() => actions.snooze.mutate(null)}
            >
              Wake now
            </button>
          </span>
        ) : (
          <label className="flex items-center gap-1.5 text-sm text-zinc-600">
            <span className="sr-only">Snooze</span>
            <select
              aria-label="Snooze"
              value=""
              disabled={actions.snooze.isPending}
              onChange={(e) => {
                const v = e.target.value;
                if (v === "custom") {
                  setCustom("");
                  return;
                }
                if (v) actions.snooze.mutate(snoozeUntil(v as SnoozePreset, new Date(), timezone));
              }}
              className={select}
            >
              <option value="">Snooze…</option>
              {Object.entries(SNOOZE_PRESETS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
              <option value="custom">Until a date and time…</option>
            </select>
          </label>
        ))}
      {custom !== null && !snoozedUntil && (
        <span className="flex flex-wrap items-center gap-1.5 text-sm">
          <label htmlFor="snooze-custom" className="text-zinc-600">
            Until
          </label>
          <input
            id="snooze-custom"
            type="datetime-local"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            className={select}
            aria-describedby="snooze-custom-zone"
          />
          <span id="snooze-custom-zone" className="text-xs text-zinc-500">
            {timezone} time
          </span>
          <Button size="sm" onClick={snoozeCustom} disabled={actions.snooze.isPending}>
            Snooze
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setCustom(null)}>
            Cancel
          </Button>
          {customError && (
            <span role="alert" className="w-full text-xs text-red-700">
              {customError}
            </span>
          )}
        </span>
      )}
      <div className="flex flex-wrap items-center gap-1.5" data-testid="conversation-labels">
        {current.map((l) => (
          <LabelChip key={l.id} label={l} className="text-xs">
            <button
              type="button"
              aria-label={`Remove label ${l.name}`}
              disabled={actions.label.isPending}
              onClick={() => actions.label.mutate({ labelId: l.id, on: false })}
              className="ml-0.5 rounded px-0.5 leading-none opacity-70 hover:opacity-100"
            >
              ×
            </button>
          </LabelChip>
        ))}
        {addable.length > 0 && (
          <select
            aria-label="Add a label"
            value=""
            disabled={actions.label.isPending}
            onChange={(e) => {
              if (e.target.value) actions.label.mutate({ labelId: e.target.value, on: true });
            }}
            className="rounded-md border border-dashed border-zinc-300 bg-white px-1.5 py-0.5 text-xs text-zinc-600"
          >
            <option value="">+ Label</option>
            {addable.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}
