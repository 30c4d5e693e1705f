import type { SignupStepView } from "@/lib/onboarding/types";

const STYLE: Record<SignupStepView["status"], { mark: string; className: string; label: string }> =
  {
    ok: { mark: "✓", className: "bg-brand-600 text-white", label: "Done" },
    failed: { mark: "✕", className: "bg-red-600 text-white", label: "Failed" },
    skipped: { mark: "–", className: "bg-zinc-200 text-zinc-600", label: "Skipped" },
    pending: { mark: "", className: "border-2 border-zinc-300 bg-white", label: "Not yet done" },
  };

export function StepIcon({ status }: { status: SignupStepView["status"] }) {
  const s = STYLE[status];
  return (
    <span
      role="img"
      aria-label={s.label}
      className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${s.className}`}
    >
      {s.mark}
    </span>
  );
}
