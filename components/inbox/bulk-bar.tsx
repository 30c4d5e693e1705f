"use client";

import { useMutation } from "@tanstack/react-query";
import { bulkAction } from "@/app/(app)/[workspace]/inbox/actions";
import { Button } from "@/components/ui/button";
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
        <label className="sr-only" htmlFor="bulk-assign">
          Assign the selected conversations
        </label>
        <select
          id="bulk-assign"
          value=""
          disabled={run.isPending}
          onChange={(e) => {
            const v = e.target.value;
            if (!v) return;
            const assigneeId = v === "nobody" ? null : v;
            const who = assigneeId ? (members.find((m) => m.id === v)?.name ?? "them") : "no one";
            run.mutate({
              action: { kind: "assign", assigneeId },
              verb: assigneeId
                ? `Assigned to ${assigneeId === userId ? "you" : who}:`
                : "Unassigned",
              already: assigneeId ? "theirs" : "unassigned",
            });
          }}
          className="rounded-md border border-zinc-300 bg-white px-1.5 py-1"
        >
          <option value="">Assign…</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id === userId ? `${m.name} (you)` : m.name}
            </option>
          ))}
          <option value="nobody">No one</option>
        </select>
        {labels.length > 0 && (
          <>
            <label className="sr-only" htmlFor="bulk-label">
              Label the selected conversations
            </label>
            <select
              id="bulk-label"
              value=""
              disabled={run.isPending}
              onChange={(e) => {
                const label = labels.find((l) => l.id === e.target.value);
                if (!label) return;
                run.mutate({
                  action: { kind: "label", labelId: label.id },
                  verb: `Labelled "${label.name}":`,
                  already: "labelled so",
                });
              }}
              className="rounded-md border border-zinc-300 bg-white px-1.5 py-1"
            >
              <option value="">Add label…</option>
              {labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {run.isPending && <p className="text-xs text-zinc-600">Working…</p>}
    </fieldset>
  );
}
