"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteKnowledgeAction, resyncKnowledgeAction } from "../actions";

type Props = { slug: string; id: string; title: string; canResync: boolean; resyncLabel: string };

/** Read a source again, or remove it with its passages (asked once more). */
export function SourceActions({ slug, id, title, canResync, resyncLabel }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const resync = () =>
    startTransition(async () => {
      const result = await resyncKnowledgeAction(slug, { id });
      if (!result.ok) setError(result.message);
      else {
        setError(null);
        router.refresh();
      }
    });
  return (
    <div className="flex flex-wrap items-start justify-end gap-2">
      {canResync && (
        <div className="flex flex-col items-end gap-1">
          <Button
            variant="secondary"
            size="sm"
            disabled={pending}
            onClick={resync}
            data-testid="knowledge-resync"
          >
            {pending ? "Starting…" : resyncLabel}
          </Button>
          {error && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {error}
            </p>
          )}
        </div>
      )}
      <ConfirmButton
        label="Delete"
        question={`Delete “${title}”? The bot stops using it.`}
        confirmLabel="Delete"
        onConfirm={() => deleteKnowledgeAction(slug, { id })}
        testId="knowledge-delete"
      />
    </div>
  );
}
