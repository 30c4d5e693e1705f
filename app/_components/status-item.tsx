import type { ReactNode } from "react";

type Props = { label: string; value: string; detail: ReactNode; tone?: "ok" | "info" };

export function StatusItem({ label, value, detail, tone = "ok" }: Props) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
      <div className="flex items-center gap-2 text-sm font-medium text-zinc-500">
        <span
          aria-hidden
          className={`size-2 rounded-full ${tone === "ok" ? "bg-brand-500" : "bg-sky-500"}`}
        />
        {label}
      </div>
      <div className="mt-2 text-lg font-semibold text-zinc-900">{value}</div>
      <p className="mt-1 text-sm leading-relaxed text-zinc-600">{detail}</p>
    </div>
  );
}
