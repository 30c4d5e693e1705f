"use client";

import { useMutation } from "@tanstack/react-query";
import type { Route } from "next";
import Link from "next/link";
import { ActionErrors } from "@/components/ui/action-errors";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/workspace";
import type { TryView } from "@/lib/bot/try-bot";

/** The server action that adds wordings to an FAQ entry, passed in by the page. */
export type AddWording = (
  slug: string,
  input: { id: string; examples: string[] },
) => Promise<ActionResult<{ added: string[]; full: number }>>;

type Props = { slug: string; question: string; view: TryView; addWording: AddWording };

const link = "font-medium text-brand-700 underline-offset-2 hover:underline";
const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * How to make the bot answer a question it missed: add it as another wording of the entry that
 * came closest, or as a new entry; nothing to add when it already is one of an entry's wordings.
 */
export function TryItAddQuestion({ slug, question, view, addWording }: Props) {
  const faqsPage = `/${slug}/faqs`;
  const closest = view.candidates?.[0] ?? view.near?.[0] ?? null;
  const add = useMutation({
    mutationFn: (id: string) => addWording(slug, { id, examples: [question] }),
  });
  const done = add.data?.ok ? add.data.data : null;
  const failure = add.data && !add.data.ok ? add.data.message : null;

  if (view.wordingOf) {
    const entry = view.wordingOf;
    return (
      <p className="mt-2 text-zinc-700" data-testid="try-already-wording">
        This question is already a wording of{" "}
        <Link href={`${faqsPage}?edit=${entry.id}` as Route} className={link}>
          “{entry.question}”
        </Link>
        {entry.active
          ? "."
          : ", which is switched off: switch it on for the bot to answer with it."}
      </p>
    );
  }
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      {closest && !done && (
        <Button
          variant="secondary"
          size="sm"
          disabled={add.isPending}
          onClick={() => add.mutate(closest.id)}
          data-testid="try-add-wording"
        >
          {add.isPending ? "Adding…" : `Add as another wording of “${short(closest.question)}”`}
        </Button>
      )}
      <Link
        href={`${faqsPage}?new=${encodeURIComponent(question)}` as Route}
        className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
        data-testid="try-add-faq"
      >
        New FAQ entry
      </Link>
      {done && closest && (
        <span role="status" className="text-sm text-zinc-700" data-testid="try-wording-added">
          {done.added.length > 0
            ? `Added to “${short(closest.question)}”: ask again to see the bot answer it.`
            : done.full > 0
              ? "That entry holds as many wordings as it can; nothing was added."
              : "That entry already has this wording."}
        </span>
      )}
      <ActionErrors failure={failure} unreachable={add.isError} />
    </div>
  );
}
