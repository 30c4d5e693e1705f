import type { Route } from "next";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { ReportRange } from "@/lib/analytics/report-range";
import { shiftDay } from "@/lib/analytics/report-range";

const PRESETS = [7, 30, 90];

/** Quick ranges ending on the report's last day, any two days, and the CSV of the same figures. */
export function RangePicker({ slug, range }: { slug: string; range: ReportRange }) {
  const query = (from: string, to: string) => `?${new URLSearchParams({ from, to })}`;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Quick ranges" className="flex gap-1">
        {PRESETS.map((days) => {
          const from = shiftDay(range.to, -(days - 1));
          const active = range.from === from;
          return (
            <Link
              key={days}
              href={`/${slug}/analytics${query(from, range.to)}` as Route}
              aria-current={active ? "page" : undefined}
              className={cn(
                "rounded-md px-2.5 py-1.5 text-sm font-medium",
                active ? "bg-zinc-900 text-white" : "bg-zinc-100 text-zinc-700 hover:bg-zinc-200",
              )}
            >
              {days} days
            </Link>
          );
        })}
      </nav>
      <form method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Date range">
        <label className="flex flex-col text-xs text-zinc-600">
          From
          <input
            type="date"
            name="from"
            defaultValue={range.from}
            className="rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900"
          />
        </label>
        <label className="flex flex-col text-xs text-zinc-600">
          To
          <input
            type="date"
            name="to"
            defaultValue={range.to}
            className="rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900"
          />
        </label>
        <button
          type="submit"
          className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-medium hover:bg-zinc-50"
        >
          Show
        </button>
      </form>
      <a
        href={`/${slug}/analytics/export${query(range.from, range.to)}`}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        data-testid="analytics-export"
      >
        Download CSV
      </a>
    </div>
  );
}
