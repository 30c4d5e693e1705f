import Link from "next/link";
import type { recipientResource } from "@/lib/broadcasts/api-broadcasts";

type Recipient = ReturnType<typeof recipientResource>;

type Props = {
  slug: string;
  broadcastId: string;
  rows: Recipient[];
  next: string | null;
  first: boolean;
  total: number;
};

const LABELS: Record<string, { label: string; className: string }> = {
  pending: { label: "Waiting", className: "text-zinc-500" },
  sent: { label: "Sent", className: "text-sky-700" },
  delivered: { label: "Delivered", className: "text-sky-800" },
  read: { label: "Read", className: "text-brand-700" },
  replied: { label: "Replied", className: "font-semibold text-brand-700" },
  failed: { label: "Failed", className: "font-semibold text-red-700" },
  skipped: { label: "Left out", className: "text-amber-800" },
  cancelled: { label: "Cancelled", className: "text-zinc-500" },
};

/** Each recipient's status, with why a message failed or was not sent, in words. */
export function RecipientTable({ slug, broadcastId, rows, next, first, total }: Props) {
  if (total === 0) {
    return (
      <p className="text-sm text-zinc-600">
        Recipients are taken from the audience when sending starts.
      </p>
    );
  }
  return (
    <section className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="recipient-table">
        <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs text-zinc-500 uppercase">
          <tr>
            <th className="px-4 py-2 font-medium">Contact</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Why</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => {
            const s = LABELS[r.status] ?? { label: r.status, className: "" };
            return (
              <tr key={r.id}>
                <td className="px-4 py-2">
                  <Link href={`/${slug}/contacts/${r.contactId}`} className="hover:underline">
                    {r.name ?? r.phone ?? "Customer"}
                  </Link>
                  {r.name && r.phone && (
                    <span className="ml-2 text-xs text-zinc-500">{r.phone}</span>
                  )}
                </td>
                <td className={`px-4 py-2 ${s.className}`}>{s.label}</td>
                <td className="px-4 py-2 text-zinc-600">
                  {r.error ? (
                    <span title={r.error.details ?? undefined}>
                      {r.error.title}
                      {r.error.code !== null && r.error.code > 0 ? ` (${r.error.code})` : ""}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(next || !first) && (
        <div className="flex justify-between border-t border-zinc-200 px-4 py-2 text-sm">
          {first ? <span /> : <Link href={`/${slug}/broadcasts/${broadcastId}`}>First page</Link>}
          {next && (
            <Link href={`/${slug}/broadcasts/${broadcastId}?after=${next}`} className="font-medium">
              Next recipients →
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
