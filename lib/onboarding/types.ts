import type { SignupStepName } from "@/db/schema/onboarding";

// What onboarding hands to the browser. Type-only, so client components can import it; nothing
// here ever holds a token, PIN or secret.

export type Result<T> = { ok: true; data: T } | { ok: false; message: string };

export type SignupStepView = {
  name: SignupStepName;
  label: string;
  status: "ok" | "failed" | "skipped" | "pending";
  message: string | null;
  code: number | null;
};

export type SignupNumberOption = {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
};

export type SignupChannelSummary = {
  id: string;
  phoneNumberId: string;
  wabaId: string | null;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  status: "pending" | "connected" | "needs_reauth" | "disconnected";
  tokenExpiresAt: string | null;
  connectedAt: string | null;
};

export type SignupSessionView = {
  id: string;
  flow: "embedded" | "manual";
  /** The number stays in the WhatsApp Business app on the owner's phone (Coexistence). */
  coexistence: boolean;
  event: string | null;
  wabaId: string | null;
  phoneNumberId: string | null;
  steps: SignupStepView[];
  /** The step "Retry" runs again, or null (nothing failed, or only a new signup helps). */
  retryable: SignupStepName | null;
  /** The signup must be run again (the one-time code is spent). */
  restartRequired: boolean;
  /** FINISH_ONLY_WABA: access was shared, but there is no number to connect yet. */
  needsNumber: boolean;
  availableNumbers: SignupNumberOption[] | null;
  /** Why the numbers could not be listed, when they could not. */
  numbersError: string | null;
  channel: SignupChannelSummary | null;
  completedAt: string | null;
};

export type ManualConnectFieldErrors = Partial<
  Record<"accessToken" | "phoneNumberId" | "wabaId", string>
>;

export type ManualConnectResult =
  | { ok: true; view: SignupSessionView }
  | { ok: false; message: string; fieldErrors: ManualConnectFieldErrors };
