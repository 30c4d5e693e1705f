import type { AuditEntry } from "@/db/queries/audit-log";
import { describeWhen } from "@/lib/format/when";
import { describeActivity } from "@/lib/workspaces/activity";

export function ActivityList({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-zinc-500">Nothing yet.</p>;
  return (
    <ol className="divide-y divide-zinc-100" data-testid="activity-list">
      {entries.map((entry) => {
        const { who, what } = describeActivity(entry);
        return (
          <li
            key={entry.id}
            className="flex items-baseline gap-3 py-2 text-sm"
            data-testid="activity-row"
          >
            <p className="min-w-0 flex-1 text-zinc-700">
              <span className="font-medium text-zinc-900">{who}</span> {what}
            </p>
            <time
              className="shrink-0 text-xs text-zinc-500"
              dateTime={entry.createdAt.toISOString()}
              title={entry.createdAt.toISOString()}
            >
              {describeWhen(entry.createdAt)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
