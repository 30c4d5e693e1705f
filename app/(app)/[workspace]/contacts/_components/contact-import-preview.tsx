import { cn } from "@/components/ui/cn";
import type { ContactImportPreview as Preview } from "@/lib/contacts/import-contacts";
import { OptInBadge } from "./opt-in-badge";

const ACTIONS = {
  create: { label: "New", className: "bg-brand-50 text-brand-700" },
  update: { label: "Update", className: "bg-sky-50 text-sky-800" },
  unchanged: { label: "Unchanged", className: "bg-zinc-100 text-zinc-600" },
  error: { label: "Error", className: "bg-red-50 text-red-800" },
} as const;

/** What the import would do, row by row, and every problem, each naming its row. */
export function ContactImportPreview({ preview }: { preview: Preview }) {
  const { counts, problems, problemCount, rows, rowCount, callingCode } = preview;
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700" data-testid="contact-import-summary">
        {rowCount} {rowCount === 1 ? "row" : "rows"}: {counts.create} to add, {counts.update} to
        update, {counts.unchanged} unchanged
        {problemCount > 0 && (
          <strong className="text-red-700">
            , {problemCount} {problemCount === 1 ? "problem" : "problems"}
          </strong>
        )}
        .
        {callingCode && (
          <span className="text-zinc-500">
            {" "}
            Phones without a country code are read as +{callingCode}, your number&apos;s country.
          </span>
        )}
      </p>
      {problemCount > 0 && (
        <div
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          <p className="font-semibold">Nothing will be imported until these are fixed:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {problems.map((p) => (
              <li key={p} data-testid="contact-import-row-error">
                {p}
              </li>
            ))}
          </ul>
          {problemCount > problems.length && (
            <p className="mt-1">…and {problemCount - problems.length} more.</p>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <div className="max-h-96 overflow-auto rounded-lg border border-zinc-200">
          <table className="w-full text-left text-sm" data-testid="contact-import-preview">
            <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500 uppercase">
              <tr>
                <th className="px-3 py-2">Row</th>
                <th className="px-3 py-2">Change</th>
                <th className="px-3 py-2">Phone</th>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Tags</th>
                <th className="px-3 py-2">Attributes</th>
                <th className="px-3 py-2">Marketing</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((r) => (
                <tr
                  key={r.row}
                  data-testid="contact-import-preview-row"
                  data-action={r.action}
                  className={r.action === "error" ? "bg-red-50/50" : undefined}
                >
                  <td className="px-3 py-2 text-zinc-500 tabular-nums">{r.row}</td>
                  <td className="px-3 py-2">
                    <span
                      className={cn(
                        "rounded-full px-2 py-0.5 text-xs font-medium",
                        ACTIONS[r.action].className,
                      )}
                    >
                      {ACTIONS[r.action].label}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-zinc-900 tabular-nums">
                    {r.phone || <span className="text-zinc-400">—</span>}
                    {r.errors.map((e) => (
                      <p key={e} className="text-xs font-medium text-red-700">
                        {e}
                      </p>
                    ))}
                  </td>
                  <td className="px-3 py-2 text-zinc-700">{r.name ?? ""}</td>
                  <td className="px-3 py-2 text-zinc-600">{r.tags.join(", ")}</td>
                  <td className="px-3 py-2 text-zinc-600">{r.attributes.join(", ")}</td>
                  <td className="px-3 py-2">
                    {r.action !== "error" && r.optIn && (
                      <OptInBadge state={r.optIn} source={r.optInSource} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rowCount > rows.length && (
            <p className="px-3 py-2 text-xs text-zinc-500">
              Showing the first {rows.length} of {rowCount} rows; every row is checked.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
