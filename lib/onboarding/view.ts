import { getWorkspaceChannel } from "@/db/queries/channels";
import type { SignupSession } from "@/db/queries/signup-sessions";
import type { SignupStepName } from "@/db/schema/onboarding";
import type { OnboardingDeps } from "./deps";
import { COEXISTENCE_EVENT } from "./steps/sync";
import type { SignupNumberOption, SignupSessionView, SignupStepView } from "./types";

export const STEP_ORDER: readonly SignupStepName[] = [
  "exchange",
  "token",
  "subscribe",
  "register",
  "details",
  "sync",
];

const LABELS: Record<SignupStepName, string> = {
  exchange: "Receive access from Facebook",
  token: "Check the access",
  subscribe: "Subscribe to your customers' messages",
  register: "Register the phone number",
  details: "Connect the number to Parley",
  sync: "Bring in your Business app's contacts and chats",
};

export const firstFailedStep = (session: SignupSession) =>
  STEP_ORDER.find((name) => session.steps[name]?.status === "failed") ?? null;

export const needsNumber = (session: SignupSession) =>
  session.flow === "embedded" &&
  !session.phoneNumberId &&
  session.steps.subscribe?.status === "ok" &&
  !session.completedAt;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The session as the browser may see it: outcomes and display fields, no secrets. */
export async function toSignupSessionView(
  deps: Pick<OnboardingDeps, "db">,
  session: SignupSession,
  numbers: { list: SignupNumberOption[] | null; error: string | null } = {
    list: null,
    error: null,
  },
): Promise<SignupSessionView> {
  // The sync step belongs to numbers shared with the WhatsApp Business app only.
  const shown = STEP_ORDER.filter((name) => name !== "sync" || session.event === COEXISTENCE_EVENT);
  const steps: SignupStepView[] = shown.map((name) => {
    const state = session.steps[name];
    return {
      name,
      label: LABELS[name],
      status: state?.status ?? "pending",
      message: state?.message ?? null,
      code: state?.code ?? null,
    };
  });
  const failed = firstFailedStep(session);
  const channel = session.channelId
    ? await getWorkspaceChannel(deps.db, {
        workspaceId: session.workspaceId,
        id: session.channelId,
      })
    : null;
  return {
    id: session.id,
    flow: session.flow,
    coexistence: session.event === COEXISTENCE_EVENT,
    event: session.event,
    wabaId: session.wabaId,
    phoneNumberId: session.phoneNumberId,
    steps,
    retryable: failed && failed !== "exchange" ? failed : null,
    restartRequired: failed === "exchange",
    needsNumber: needsNumber(session),
    availableNumbers: numbers.list,
    numbersError: numbers.error,
    channel: channel && {
      id: channel.id,
      phoneNumberId: channel.phoneNumberId,
      wabaId: channel.wabaId,
      displayPhoneNumber: channel.displayPhoneNumber,
      verifiedName: channel.verifiedName,
      qualityRating: channel.qualityRating,
      status: channel.status,
      tokenExpiresAt: iso(channel.tokenExpiresAt),
      connectedAt: iso(channel.connectedAt),
    },
    completedAt: iso(session.completedAt),
  };
}
