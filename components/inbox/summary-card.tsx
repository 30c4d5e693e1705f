"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { refreshSummaryAction } from "@/app/(app)/[workspace]/inbox/actions";
import { Button } from "@/components/ui/button";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import { inboxKeys } from "./inbox-client";
import { ActionRefused, unwrap } from "./use-conversation-actions";

type Summary = NonNullable<ThreadView["summary"]>;

/**
 * The AI's summary of the conversation for the person it was handed to, at the top of the
 * thread: what the customer wants, what the bot already said, what is still open. A conversation
 * never handed off has none yet: the card offers to make one.
 */
export function SummaryCard({
  slug,
  conversationId,
  summary,
}: {
  slug: string;
  conversationId: string;
  summary: Summary | null;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(true);
  const refresh = useMutation({
    mutationFn: () => unwrap(refreshSummaryAction(slug, { conversationId })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
  const making = summary?.state === "pending" || refresh.isPending;
  const hasText = summary !== null && summary.wants !== null;
  const refreshError =
    refresh.error instanceof ActionRefused
      ? refresh.error.message
      : refresh.error
        ? "The summary could not be refreshed. Try again in a moment."
        : null;
  return (
    <section
      aria-label="Conversation summary"
      data-testid="conversation-summary"
      className="shrink-0 border-b border-sky-100 bg-sky-50/70 px-4 py-2 text-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        {summary ? (
          <button
            type="button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            className="font-medium text-sky-950 hover:underline"
          >
            {open ? "▾" : "▸"} AI summary
          </button>
        ) : (
          <span className="font-medium text-sky-950">
            AI summary{" "}
            {!making && (
              <span className="font-normal text-sky-800">
                · what the customer wants, what the bot said, what is open
              </span>
            )}
          </span>
        )}
        {making && (
          <span role="status" className="text-xs text-sky-800">
            {hasText ? "Updating…" : "Making the summary…"}
          </span>
        )}
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="ml-auto px-2 py-0.5 text-xs"
          disabled={making}
          onClick={() => refresh.mutate()}
        >
          {summary ? "Refresh summary" : "Summarize conversation"}
        </Button>
      </div>
      {open && summary && hasText && (
        <dl className="mt-1 grid max-h-24 grid-cols-1 gap-x-3 gap-y-1 overflow-y-auto sm:max-h-40 sm:grid-cols-[auto_1fr]">
          <dt className="text-xs font-medium text-sky-900">Customer wants</dt>
          <dd className="text-zinc-800">{summary.wants}</dd>
          <dt className="text-xs font-medium text-sky-900">Bot already said</dt>
          <dd className="text-zinc-800">{summary.botSaid}</dd>
          <dt className="text-xs font-medium text-sky-900">Open questions</dt>
          <dd className="text-zinc-800">{summary.openQuestions}</dd>
        </dl>
      )}
      {summary?.state === "failed" && !refresh.isPending && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {summary.error ?? "The summary could not be made."}
        </p>
      )}
      {refreshError && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {refreshError}
        </p>
      )}
    </section>
  );
}
