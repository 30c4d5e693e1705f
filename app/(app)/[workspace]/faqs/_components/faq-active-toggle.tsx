"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { setFaqActiveAction } from "../actions";

type Props = { slug: string; id: string; active: boolean; question: string };

/** A switch that turns the FAQ on or off for the bot; it shows the new state while saving. */
export function FaqActiveToggle({ slug, id, active, question }: Props) {
  const router = useRouter();
  const toggle = useMutation({
    mutationFn: (next: boolean) => setFaqActiveAction(slug, { id, active: next }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  // The new state shows at once and stays until the refreshed page brings it (the row remounts
  // this switch when `active` changes).
  const shown =
    toggle.isPending && toggle.variables !== undefined
      ? toggle.variables
      : toggle.data?.ok
        ? toggle.data.data.active
        : active;
  const error =
    toggle.data && !toggle.data.ok
      ? toggle.data.message
      : toggle.isError
        ? "Could not reach Parley. Try again."
        : null;

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={shown}
        aria-label={`Active: ${question}`}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!shown)}
        className="inline-flex items-center gap-2 rounded-full px-1 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-60"
        data-testid="faq-active-toggle"
      >
        <span
          className={cn(
            "relative inline-block h-5 w-9 rounded-full transition-colors",
            shown ? "bg-brand-600" : "bg-zinc-300",
          )}
        >
          <span
            className={cn(
              "absolute top-0.5 size-4 rounded-full bg-white shadow transition-all",
              shown ? "left-4.5" : "left-0.5",
            )}
          />
        </span>
        <span className={shown ? "text-brand-700" : "text-zinc-500"}>
          {shown ? "Active" : "Off"}
        </span>
      </button>
      {error && (
        <p role="alert" className="max-w-48 text-right text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
