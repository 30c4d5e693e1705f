import type { BroadcastProgress } from "@/db/queries/broadcasts";

// Stacked, in the order a message goes: failed and left out last.
const PARTS = [
  { key: "replied", label: "Replied", color: "bg-brand-700" },
  { key: "readOnly", label: "Read", color: "bg-brand-500" },
  { key: "deliveredOnly", label: "Delivered", color: "bg-sky-500" },
  { key: "sentOnly", label: "Sent", color: "bg-sky-300" },
  { key: "failed", label: "Failed", color: "bg-red-500" },
  { key: "notSent", label: "Not sent", color: "bg-zinc-400" },
] as const;

/** How far a broadcast got: each recipient's furthest status, as one bar. */
export function ProgressBar({
  progress,
  compact = false,
}: {
  progress: BroadcastProgress;
  compact?: boolean;
}) {
  const p = progress;
  const parts: Record<(typeof PARTS)[number]["key"], number> = {
    replied: p.replied,
    readOnly: p.read - p.replied,
    deliveredOnly: p.delivered - p.read,
    sentOnly: p.sent - p.delivered,
    failed: p.failed,
    notSent: p.skipped + p.cancelled,
  };
  const total = Math.max(1, p.total);
  const done = p.total - p.pending;
  return (
    <div className="space-y-1.5">
      <div
        className={`flex w-full overflow-hidden rounded-full bg-zinc-100 ${compact ? "h-2" : "h-3"}`}
        role="progressbar"
        aria-label="Broadcast progress"
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={done}
      >
        {PARTS.map((part) =>
          parts[part.key] > 0 ? (
            <div
              key={part.key}
              className={part.color}
              style={{ width: `${(parts[part.key] / total) * 100}%` }}
              title={`${part.label}: ${parts[part.key]}`}
            />
          ) : null,
        )}
      </div>
      {!compact && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600">
          {PARTS.map((part) => (
            <li key={part.key} className="flex items-center gap-1.5">
              <span className={`inline-block size-2 rounded-full ${part.color}`} aria-hidden />
              {part.label} {parts[part.key]}
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <span
              className="inline-block size-2 rounded-full bg-zinc-100 ring-1 ring-zinc-300"
              aria-hidden
            />
            Waiting {p.pending}
          </li>
        </ul>
      )}
    </div>
  );
}
