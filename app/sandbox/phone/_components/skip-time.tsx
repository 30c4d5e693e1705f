"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
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
import { postJson } from "./post-json";

const HOURS = 25;

type Skipped = { hours: number; sandboxMessages: number; conversation: boolean };

/** Moves the open chat a day into the past, so the business's 24-hour reply window closes. */
export function SkipTime(p: {
  phoneNumberId: string;
  customer: string;
  disabled: boolean;
  onSkipped: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const skip = useMutation({
    mutationFn: () =>
      postJson<Skipped>("/sandbox/api/phone/skip-time", {
        phoneNumberId: p.phoneNumberId,
        customer: p.customer,
        hours: HOURS,
      }),
    onSuccess: () => {
      setAsking(false);
      p.onSkipped();
    },
    // The dialog closes so the reason shows on the page.
    onError: () => setAsking(false),
  });
  const moved = skip.data;

  return (
    <section
      aria-label="Reply window"
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
    >
      <div>
        <h2 className="text-sm font-medium text-zinc-700">Test the 24-hour window</h2>
        <p className="mt-1 text-xs leading-relaxed text-zinc-500">
          Moves this chat a day into the past, so the business's 24-hour reply window closes. Until
          you write again it can only send approved templates.
        </p>
      </div>
      <AlertDialog
        open={asking}
        onOpenChange={(open) => {
          if (skip.isPending) return;
          if (open) skip.reset();
          setAsking(open);
        }}
      >
        <AlertDialogTrigger asChild>
          <Button
            variant="secondary"
            size="sm"
            disabled={p.disabled}
            data-testid="sandbox-skip-time"
          >
            Skip {HOURS} hours
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent size="sm">
          <AlertDialogHeader>
            <AlertDialogTitle className="text-base text-zinc-950">
              Move this whole chat {HOURS} hours back?
            </AlertDialogTitle>
            <AlertDialogDescription>This can&apos;t be undone.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel
              size="sm"
              disabled={skip.isPending}
              data-testid="sandbox-skip-time-cancel"
            >
              Cancel
            </AlertDialogCancel>
            <AlertDialogAction
              size="sm"
              disabled={skip.isPending}
              onClick={(e) => {
                e.preventDefault();
                skip.mutate();
              }}
              data-testid="sandbox-skip-time-confirm"
            >
              {skip.isPending ? "Moving…" : `Yes, skip ${HOURS} hours`}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {moved && (
        <p role="status" className="text-xs text-zinc-600" data-testid="sandbox-skip-time-done">
          {moved.sandboxMessages === 0 && !moved.conversation
            ? "Nothing to move yet: this chat has no messages."
            : `Moved ${moved.hours} hours back. The business's reply window is closed.`}
        </p>
      )}
      {skip.error && (
        <p role="alert" className="text-xs text-red-700">
          {skip.error.message}
        </p>
      )}
    </section>
  );
}
