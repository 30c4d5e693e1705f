"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

type Outcome = { ok: true } | { ok: false; message: string };

type Props = {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<Outcome>;
  /** Where to go afterwards; by default the page is refreshed in place. */
  onDone?: () => void;
  testId: string;
};

/** A destructive button that asks once more, inline, before it acts. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, onDone, testId }: Props) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await onConfirm();
      if (!result.ok) {
        setError(result.message);
        setAsking(false);
        return;
      }
      setAsking(false);
      if (onDone) onDone();
      else router.refresh();
    });

  return (
    <div className="flex flex-col items-end gap-1">
      {asking ? (
        <div className="flex flex-wrap items-center justify-end gap-2">
          <span className="text-sm text-zinc-700">{question}</span>
          <Button
            variant="danger"
            size="sm"
            disabled={pending}
            onClick={confirm}
            data-testid={`${testId}-confirm`}
          >
            {pending ? "Working…" : confirmLabel}
          </Button>
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => setAsking(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setError(null);
            setAsking(true);
          }}
          data-testid={testId}
        >
          {label}
        </Button>
      )}
      {error && (
        <p role="alert" className="max-w-xs text-right text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
