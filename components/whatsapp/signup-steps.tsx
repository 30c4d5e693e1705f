import type { SignupSessionView } from "@/lib/onboarding/types";
import { StepIcon } from "./step-icon";

export function SignupSteps({
  view,
  busy,
  onRetry,
}: {
  view: SignupSessionView;
  busy: boolean;
  /** Absent where nothing can be retried (a manual connection is checked as a whole). */
  onRetry?: () => void;
}) {
  return (
    <ol className="space-y-3" data-testid="signup-steps" aria-label="Connection steps">
      {view.steps.map((step) => (
        <li
          key={step.name}
          className="flex gap-3"
          data-testid={`signup-step-${step.name}`}
          data-status={step.status}
        >
          <StepIcon status={step.status} />
          <div className="min-w-0 flex-1">
            <p
              className={`text-sm font-medium ${step.status === "pending" ? "text-zinc-400" : "text-zinc-900"}`}
            >
              {step.label}
            </p>
            {step.message && (
              <p
                className={`mt-0.5 text-sm ${step.status === "failed" ? "text-red-700" : "text-zinc-600"}`}
              >
                {step.message}
                {step.status === "failed" && step.code !== null && (
                  <span className="ml-1 text-xs text-zinc-500">(Meta error {step.code})</span>
                )}
              </p>
            )}
            {onRetry && step.status === "failed" && view.retryable === step.name && (
              <button
                type="button"
                onClick={onRetry}
                disabled={busy}
                data-testid="signup-retry"
                className="mt-2 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 disabled:opacity-50"
              >
                {busy ? "Retrying…" : "Retry this step"}
              </button>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
