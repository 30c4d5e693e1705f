import { cn } from "@/components/ui/cn";

const STYLES: Record<string, { label: string; className: string }> = {
  draft: { label: "Draft", className: "bg-zinc-100 text-zinc-700" },
  scheduled: { label: "Scheduled", className: "bg-amber-50 text-amber-800" },
  sending: { label: "Sending", className: "bg-sky-50 text-sky-800" },
  completed: { label: "Completed", className: "bg-brand-50 text-brand-700" },
  cancelled: { label: "Cancelled", className: "bg-red-50 text-red-700" },
};

export function BroadcastStatusBadge({ status }: { status: string }) {
  const s = STYLES[status] ?? { label: status, className: "bg-zinc-100 text-zinc-700" };
  return (
    <span
      data-testid="broadcast-status"
      className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium", s.className)}
    >
      {s.label}
    </span>
  );
}
