"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
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

/** A destructive button that asks once more, in an alert dialog, before it acts. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, onDone, testId }: Props) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await onConfirm();
      setAsking(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      if (onDone) onDone();
      else router.refresh();
    });

  return (
    <div className="flex flex-col items-end gap-1">
      <AlertDialog
        open={asking}
        onOpenChange={(open) => {
          // While it works the question stays, so the outcome is not lost.
          if (pending) return;
          if (open) setError(null);
          setAsking(open);
        }}
      >
        <AlertDialogTrigger asChild>
          <Button variant="secondary" size="sm" data-testid={testId}>
            {label}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent aria-describedby={undefined}>
          <AlertDialogHeader>
            <AlertDialogTitle className="text-base text-zinc-950">{question}</AlertDialogTitle>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel size="sm" disabled={pending}>
              Cancel
            </AlertDialogCancel>
            <AlertDialogAction
              variant="danger"
              size="sm"
              disabled={pending}
              onClick={(e) => {
                e.preventDefault();
                confirm();
              }}
              data-testid={`${testId}-confirm`}
            >
              {pending ? "Working…" : confirmLabel}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {error && (
        <p role="alert" className="max-w-xs text-right text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
