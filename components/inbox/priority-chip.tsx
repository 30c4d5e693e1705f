import { cn } from "@/components/ui/cn";
import type { Priority } from "@/lib/inbox/priorities";

export const PRIORITY_NAMES: Record<Priority, string> = {
  none: "None",
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};

const TONES: Record<Exclude<Priority, "none">, string> = {
  low: "bg-zinc-100 text-zinc-700",
  medium: "bg-sky-100 text-sky-900",
  high: "bg-orange-100 text-orange-900",
  urgent: "bg-red-600 text-white",
};

/** The conversation's priority; nothing when it has none. */
export function PriorityChip({ priority }: { priority: Priority }) {
  if (priority === "none") return null;
  return (
    <span
      data-testid="priority-chip"
      className={cn("rounded px-1.5 py-0.5 text-[11px] font-medium", TONES[priority])}
    >
      {PRIORITY_NAMES[priority]} priority
    </span>
  );
}
