import type { SignupOutcome } from "@/lib/whatsapp/signup-correlator";

export type SignupNotice =
  | Extract<SignupOutcome, { kind: "cancel" } | { kind: "error" }>
  | { kind: "problem"; message: string };

// Meta's step names (PHONE_NUMBER_SETUP) read as words.
const stepName = (step: string) => step.toLowerCase().replace(/_/g, " ");

/** How the last attempt ended, when it ended without a signup to show. */
export function SignupNoticePanel({ notice }: { notice: SignupNotice }) {
  if (notice.kind === "cancel") {
    return (
      <div
        role="status"
        data-testid="signup-cancelled"
        className="rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-700"
      >
        You closed the signup before finishing
        {notice.step ? ` (at step “${stepName(notice.step)}”)` : ""}. Nothing was changed.
      </div>
    );
  }
  if (notice.kind === "error") {
    return (
      <div
        role="alert"
        data-testid="signup-error"
        className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
      >
        <p>Facebook reported a problem: {notice.message}</p>
        {(notice.sessionId || notice.code) && (
          <p className="mt-1 text-xs text-red-700/80" data-testid="signup-error-session">
            {notice.code && <>Error code {notice.code}. </>}
            {notice.sessionId && <>Signup session {notice.sessionId}.</>}
          </p>
        )}
      </div>
    );
  }
  return (
    <div
      role="alert"
      data-testid="signup-problem"
      className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      {notice.message}
    </div>
  );
}
