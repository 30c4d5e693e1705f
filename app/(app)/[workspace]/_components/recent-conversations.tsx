import type { Route } from "next";
import Link from "next/link";
import { describeWhen } from "@/lib/format/when";

type Row = {
  id: string;
  lastMessageAt: Date | null;
  needsHuman: boolean;
  contactName: string | null;
  contactWaId: string | null;
  lastText: string | null;
  lastType: string | null;
  lastDirection: "inbound" | "outbound" | null;
};

export function RecentConversations({ slug, rows }: { slug: string; rows: Row[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-zinc-500">No conversations yet.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100" data-testid="recent-conversations">
      {rows.map((r) => (
        <li key={r.id} data-testid="recent-conversation">
          <Link
            href={`/${slug}/inbox/${r.id}` as Route}
            className="-mx-2 flex items-start gap-3 rounded-lg px-2 py-3 hover:bg-zinc-50"
          >
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-zinc-900">
                {r.contactName ?? (r.contactWaId ? `+${r.contactWaId}` : "Unknown customer")}
                {r.contactName && r.contactWaId && (
                  <span className="ml-2 font-normal text-zinc-500">+{r.contactWaId}</span>
                )}
                {r.needsHuman && (
                  <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                    Needs a person
                  </span>
                )}
              </p>
              <p className="truncate text-sm text-zinc-600">
                {r.lastDirection === "outbound" && <span className="text-zinc-400">You: </span>}
                {r.lastText ?? (r.lastType ? `[${r.lastType}]` : "")}
              </p>
            </div>
            {r.lastMessageAt && (
              <time
                className="shrink-0 text-xs text-zinc-500"
                dateTime={r.lastMessageAt.toISOString()}
              >
                {describeWhen(r.lastMessageAt)}
              </time>
            )}
          </Link>
        </li>
      ))}
    </ul>
  );
}
