"use client";

import { useEffect, useState } from "react";
import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteFaqAction } from "../actions";
import { FaqActiveToggle } from "./faq-active-toggle";
import { type EditableFaq, FaqForm } from "./faq-form";

export type FaqRowData = EditableFaq & {
  hitCount: number;
  /** "3 days ago" or "never", worded on the server so both renders agree. */
  lastMatched: string;
};

type Props = { slug: string; faq: FaqRowData };

export function FaqRow({ slug, faq }: Props) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), 3000);
    return () => clearTimeout(timer);
  }, [saved]);

  if (editing) {
    return (
      <li className="py-4" data-testid="faq-row" data-state="editing">
        <FaqForm
          slug={slug}
          faq={faq}
          onDone={(didSave) => {
            setEditing(false);
            setSaved(didSave);
          }}
        />
      </li>
    );
  }

  return (
    <li
      className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start"
      data-testid="faq-row"
      data-state={faq.active ? "active" : "inactive"}
    >
      <div className={faq.active ? "min-w-0 flex-1" : "min-w-0 flex-1 opacity-60"}>
        <p className="font-medium text-zinc-900" data-testid="faq-row-question">
          {faq.question}
        </p>
        {faq.examples.length > 0 && (
          <p className="mt-0.5 text-xs text-zinc-500" data-testid="faq-row-examples">
            Also asked as: {faq.examples.slice(0, 2).join(" · ")}
            {faq.examples.length > 2 && ` · and ${faq.examples.length - 2} more`}
          </p>
        )}
        <div className="mt-1 line-clamp-2 text-sm break-words text-zinc-600">
          <WhatsAppText text={faq.answer} />
        </div>
        {faq.keywords.length > 0 && (
          <ul className="mt-2 flex flex-wrap gap-1" aria-label="Keywords">
            {faq.keywords.map((k) => (
              <li key={k} className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700">
                {k}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-xs text-zinc-500" data-testid="faq-row-stats">
          Priority {faq.priority} · {faq.hitCount === 1 ? "1 match" : `${faq.hitCount} matches`} ·
          last matched {faq.lastMatched}
        </p>
      </div>
      <div className="flex items-start gap-2">
        {saved && (
          <span role="status" className="py-1.5 text-sm font-medium text-brand-700">
            Saved
          </span>
        )}
        <FaqActiveToggle
          key={String(faq.active)}
          slug={slug}
          id={faq.id}
          active={faq.active}
          question={faq.question}
        />
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setEditing(true)}
          data-testid="faq-edit"
        >
          Edit
        </Button>
        <ConfirmButton
          label="Delete"
          question="Delete this FAQ? The bot stops using it at once."
          confirmLabel="Yes, delete"
          testId="faq-delete"
          onConfirm={() => deleteFaqAction(slug, { id: faq.id })}
        />
      </div>
    </li>
  );
}
