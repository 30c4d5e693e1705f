import { cn } from "@/components/ui/cn";

const BADGES = {
  opted_in: { label: "Opted in", className: "bg-brand-50 text-brand-700" },
  opted_out: { label: "Opted out", className: "bg-red-50 text-red-800" },
  unknown: { label: "Not asked", className: "bg-zinc-100 text-zinc-600" },
} as const;

/** The marketing opt-in as a badge; its source, when known, as the tooltip. */
export function OptInBadge({
  state,
  source,
}: {
  state: "opted_in" | "opted_out" | null;
  source: string | null;
}) {
  const badge = BADGES[state ?? "unknown"];
  return (
    <span
      title={source ? `Source: ${source}` : undefined}
      className={cn(
        "rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        badge.className,
      )}
      data-testid="contact-opt-in-badge"
      data-state={state ?? "unknown"}
    >
      {badge.label}
    </span>
  );
}
