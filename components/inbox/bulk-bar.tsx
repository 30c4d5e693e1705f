"use client";

import { useMutation } from "@tanstack/react-query";
import { bulkAction } from "@/app/(app)/[workspace]/inbox/actions";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { BulkOutcome } from "@/lib/inbox/inbox-tools";
import type { BulkInput } from "@/lib/validations/inbox-tools";
import type { LabelView } from "./label-chip";

type Props = {
  slug: string;
  ids: string[];
  members: { id: string; name: string }[];
  labels: LabelView[];
  userId: string;
  /** After an action, with its result in words (or its refusal). */
  onDone: (result: { tone: "ok" | "error"; text: string }) => void;
};

/** Stands for "no one" among the members, whose ids are UUIDs. */
const NOBODY = "nobody";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a bulk action did, in words: how many changed, were already so, or were gone. */
export function describeBulk(verb: string, already: string, o: BulkOutcome): string {
  const parts = [`${verb} ${plural(o.changed, "conversation")}.`];
  if (o.unchanged > 0) parts.push(`${plural(o.unchanged, "was", "were")} already ${already}.`);
  if (o.missing > 0) parts.push(`${plural(o.missing, "was", "were")} not found.`);
  return parts.join(" ");
}

/** Close, assign or label the selected conversations at once, with the result in words. */
export function BulkBar({ slug, ids, members, labels, userId, onDone }: Props) {
  const run = useMutation({
    mutationFn: async (p: { action: BulkInput["action"]; verb: string; already: string }) => {
      const r = await bulkAction(slug, { conversationIds: ids, action: p.action });
      if (!r.ok) throw new Error(r.message);
      return describeBulk(p.verb, p.already, r.data);
    },
    onSuccess: (text) => onDone({ tone: "ok", text }),
    onError: (e) => onDone({ tone: "error", text: e.message }),
  });
  return (
    <fieldset
      className="space-y-1.5 border-b border-zinc-200 bg-brand-50 px-3 py-2"
      data-testid="bulk-bar"
    >
      <legend className="sr-only">Act on the selected conversations</legend>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <Button
          size="sm"
          variant="secondary"
          disabled={run.isPending}
          onClick={() =>
            run.mutate({ action: { kind: "close" }, verb: "Closed", already: "closed" })
          }
          data-testid="bulk-close"
        >
          Close
        </Button>
        <DropdownMenu>
          <DropdownMenuTrigger asChild disabled={run.isPending}>
            <Button
              size="sm"
              variant="secondary"
              aria-label="Assign the selected conversations"
              data-testid="bulk-assign"
            >
              Assign…
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            {[...members, { id: NOBODY, name: "No one" }].map((m) => (
              <DropdownMenuItem
                key={m.id}
                onSelect={() => {
                  const assigneeId = m.id === NOBODY ? null : m.id;
                  run.mutate({
                    action: { kind: "assign", assigneeId },
                    verb: assigneeId
                      ? `Assigned to ${assigneeId === userId ? "you" : m.name}:`
                      : "Unassigned",
                    already: assigneeId ? "theirs" : "unassigned",
                  });
                }}
              >
                {m.id === userId ? `${m.name} (you)` : m.name}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        {labels.length > 0 && (
          <DropdownMenu>
            <DropdownMenuTrigger asChild disabled={run.isPending}>
              <Button
                size="sm"
                variant="secondary"
                aria-label="Label the selected conversations"
                data-testid="bulk-label"
              >
                Add label…
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              {labels.map((l) => (
                <DropdownMenuItem
                  key={l.id}
                  onSelect={() =>
                    run.mutate({
                      action: { kind: "label", labelId: l.id },
                      verb: `Labelled "${l.name}":`,
                      already: "labelled so",
                    })
                  }
                >
                  {l.name}
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        )}
      </div>
      {run.isPending && <p className="text-xs text-zinc-600">Working…</p>}
    </fieldset>
  );
}
