"use client";

import { useMutation } from "@tanstack/react-query";
import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionErrors } from "@/components/ui/action-errors";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FAQ_LIMITS } from "@/lib/validations/faq";
import { addFaqExamplesAction } from "../actions";

type Props = {
  slug: string;
  /** The group's wordings, most asked first. */
  wordings: string[];
  near: { id: string; question: string } | null;
  /** A passage of the workspace's knowledge to start the new entry's answer from. */
  draftAnswer?: string | null;
};

/** The editor for a new entry: the most asked wording as its question, the others as examples. */
function newEntryHref(slug: string, wordings: string[], draftAnswer?: string | null): Route {
  const [question = "", ...examples] = wordings;
  const params = new URLSearchParams({ new: question.slice(0, FAQ_LIMITS.questionMax) });
  for (const e of examples.slice(0, FAQ_LIMITS.examples)) params.append("example", e);
  if (draftAnswer) params.set("answer", draftAnswer.slice(0, FAQ_LIMITS.answerMax));
  return `/${slug}/faqs?${params}` as Route;
}

/** "Add to <entry>" (asking once, with what is added) and "New FAQ entry" for one group. */
export function GapActions({ slug, wordings, near, draftAnswer }: Props) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const add = useMutation({
    mutationFn: (id: string) => addFaqExamplesAction(slug, { id, examples: wordings }),
    onSuccess: (result) => {
      setAsking(false);
      if (result.ok) router.refresh();
    },
    // The dialog closes so the reason shows on the page.
    onError: () => setAsking(false),
  });
  const failure = add.data && !add.data.ok ? add.data.message : null;
  const done = add.data?.ok ? add.data.data : null;
  const count = wordings.length === 1 ? "this wording" : `these ${wordings.length} wordings`;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {near && (
        <AlertDialog
          open={asking}
          onOpenChange={(open) => {
            if (!add.isPending) setAsking(open);
          }}
        >
          <AlertDialogTrigger asChild>
            <Button variant="secondary" size="sm" data-testid="gap-add-to-entry">
              Add to “{near.question.length > 40 ? `${near.question.slice(0, 40)}…` : near.question}
              ”
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent data-testid="gap-confirm">
            <AlertDialogHeader>
              <AlertDialogTitle className="text-base font-medium text-zinc-900">
                Add {count} to <span className="font-semibold">“{near.question}”</span> as other
                ways to ask it?
              </AlertDialogTitle>
              <AlertDialogDescription className="text-zinc-600">
                The bot will answer them with that entry&apos;s answer.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <ul className="list-inside list-disc text-sm text-zinc-700">
              {wordings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <AlertDialogFooter>
              <AlertDialogCancel size="sm" disabled={add.isPending}>
                Cancel
              </AlertDialogCancel>
              <AlertDialogAction
                size="sm"
                disabled={add.isPending}
                onClick={(e) => {
                  e.preventDefault();
                  add.mutate(near.id);
                }}
                data-testid="gap-confirm-add"
              >
                {add.isPending ? "Adding…" : "Add to the entry"}
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      )}
      <Link
        href={newEntryHref(slug, wordings, draftAnswer)}
        className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
        data-testid="gap-new-entry"
      >
        {draftAnswer ? "New FAQ entry from this passage" : "New FAQ entry"}
      </Link>
      {done && done.full > 0 && (
        <span role="status" className="text-sm text-amber-800">
          Added {done.added.length}; the entry already holds {FAQ_LIMITS.examples} wordings, so{" "}
          {done.full} stayed out.
        </span>
      )}
      <ActionErrors failure={failure} unreachable={add.isError} />
    </div>
  );
}
