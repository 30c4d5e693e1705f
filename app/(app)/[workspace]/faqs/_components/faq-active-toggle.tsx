"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Switch } from "@/components/ui/switch";
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
      <div className="inline-flex items-center gap-2 px-1 py-1 text-xs font-medium">
        <Switch
          checked={shown}
          aria-label={`Active: ${question}`}
          disabled={toggle.isPending}
          onCheckedChange={(next) => toggle.mutate(next)}
          className="disabled:cursor-wait disabled:opacity-60"
          data-testid="faq-active-toggle"
        />
        <span aria-hidden className={shown ? "text-brand-700" : "text-zinc-500"}>
          {shown ? "Active" : "Off"}
        </span>
      </div>
      {error && (
        <p role="alert" className="max-w-48 text-right text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
