"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
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
import { useShortcutMenu } from "./use-shortcuts";

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
  const priorityMenu = useShortcutMenu("p", !actions.prioritize.isPending);
  const snoozeMenu = useShortcutMenu("s", c.status !== "closed" && !snoozedUntil);
  const labelMenu = useShortcutMenu("l", addable.length > 0);

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
      <div className="flex items-center gap-1.5 text-sm text-zinc-600">
        <span aria-hidden>Priority</span>
        <Select
          {...priorityMenu.root}
          value={c.priority}
          disabled={actions.prioritize.isPending}
          onValueChange={(v) => actions.prioritize.mutate(v as Priority)}
        >
          <SelectTrigger size="sm" aria-label="Priority" className="bg-white">
            <SelectValue />
          </SelectTrigger>
          <SelectContent {...priorityMenu.content}>
            {PRIORITIES.map((p) => (
              <SelectItem key={p} value={p}>
                {PRIORITY_NAMES[p]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
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
          <DropdownMenu {...snoozeMenu.root}>
            <DropdownMenuTrigger asChild disabled={actions.snooze.isPending}>
              <Button size="sm" variant="secondary" className="h-8 px-2.5 font-normal">
                Snooze…
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start" {...snoozeMenu.content}>
              {Object.entries(SNOOZE_PRESETS).map(([value, text]) => (
                <DropdownMenuItem
                  key={value}
                  onSelect={() =>
                    actions.snooze.mutate(snoozeUntil(value as SnoozePreset, new Date(), timezone))
                  }
                >
                  {text}
                </DropdownMenuItem>
              ))}
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => setCustom("")}>
                Until a date and time…
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
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
          <DropdownMenu {...labelMenu.root}>
            <DropdownMenuTrigger
              disabled={actions.label.isPending}
              className="rounded-md border border-dashed border-zinc-300 bg-white px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-50"
            >
              + Label
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start" {...labelMenu.content}>
              {addable.map((l) => (
                <DropdownMenuItem
                  key={l.id}
                  onSelect={() => actions.label.mutate({ labelId: l.id, on: true })}
                >
                  {l.name}
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        )}
      </div>
    </div>
  );
}
