import type { ReactNode } from "react";

/** One headline figure, found by tests through `name`. */
export function Figure({
  name,
  label,
  value,
  hint,
}: {
  name: string;
  label: string;
  value: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4">
      <p className="text-xs font-medium text-zinc-500">{label}</p>
      <p
        className="mt-1 text-2xl font-semibold tabular-nums text-zinc-950"
        data-testid={`figure-${name}`}
      >
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-zinc-500">{hint}</p>}
    </div>
  );
}

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5"
      aria-label={title}
    >
      <div>
        <h2 className="text-base font-semibold text-zinc-950">{title}</h2>
        {description && <p className="mt-0.5 text-sm text-zinc-600">{description}</p>}
      </div>
      {children}
    </section>
  );
}
