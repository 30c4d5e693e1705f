"use client";

import { useState, useTransition } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type {
  ManualConnectResult,
  Result,
  SignupChannelSummary,
  SignupSessionView,
} from "@/lib/onboarding/types";
import type {
  ManualConnectForm as ManualForm,
  SignupFinishEvent,
} from "@/lib/validations/onboarding";
import { ChooseNumber } from "./choose-number";
import { ConnectedSummary } from "./connected-summary";
import { ManualConnectForm } from "./manual-connect-form";
import { type SignupNotice, SignupNoticePanel } from "./signup-notice";
import { SignupSteps } from "./signup-steps";
import { useEmbeddedSignup } from "./use-embedded-signup";

/** Server actions the page binds to its workspace (membership and role checked there). */
export type ConnectWizardActions = {
  startEmbedded: (input: {
    code: string;
    event: SignupFinishEvent;
  }) => Promise<Result<SignupSessionView>>;
  retryStep: (sessionId: string) => Promise<Result<SignupSessionView>>;
  chooseNumber: (sessionId: string, phoneNumberId: string) => Promise<Result<SignupSessionView>>;
  refreshNumbers: (sessionId: string) => Promise<Result<SignupSessionView>>;
  connectManual: (form: ManualForm) => Promise<ManualConnectResult>;
};

export type ConnectWizardProps = {
  appId: string;
  configId: string;
  graphVersion: string;
  sandbox: boolean;
  /** Reconnect this number (the sandbox's simulated signup shows it; Facebook lets the person pick). */
  reauthorizePhoneNumberId?: string;
  /** Sandbox only: the business name the simulated signup starts with (the workspace's). */
  businessName?: string;
  actions: ConnectWizardActions;
  /** An unfinished signup to pick up again (see latestUnfinishedSignupView). */
  initialView?: SignupSessionView | null;
  /** The page's current status of each number, which can change outside the wizard (registering). */
  channelStatuses?: Record<string, SignupChannelSummary["status"]>;
  onConnected?: () => void;
};

const OUR_FAULT = "Something went wrong on our side. Please try again.";

/** Connecting a WhatsApp number: Embedded Signup with each step's outcome, or details by hand. */
export function ConnectWizard(props: ConnectWizardProps) {
  const { actions, onConnected, sandbox } = props;
  const [tab, setTab] = useState<"facebook" | "manual">("facebook");
  const [view, setView] = useState<SignupSessionView | null>(props.initialView ?? null);
  const [notice, setNotice] = useState<SignupNotice | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [businessApp, setBusinessApp] = useState(false);
  const [pending, startTransition] = useTransition();
  const signup = useEmbeddedSignup(props);
  const busy = waiting || pending;

  const show = (next: SignupSessionView) => {
    setView(next);
    setNotice(null);
    if (next.completedAt && next.channel) onConnected?.();
  };
  // Every server call goes through here: a refusal is shown, an outage too.
  const call = (run: () => Promise<Result<SignupSessionView>>) =>
    startTransition(async () => {
      try {
        const result = await run();
        if (result.ok) show(result.data);
        else setNotice({ kind: "problem", message: result.message });
      } catch {
        setNotice({ kind: "problem", message: OUR_FAULT });
      }
    });

  async function connect() {
    const attempt = signup.start({ businessApp: businessApp && !props.reauthorizePhoneNumberId });
    if (!attempt) return;
    setNotice(null);
    setView(null);
    setWaiting(true);
    const outcome = await attempt;
    setWaiting(false);
    if (outcome.kind !== "finish") {
      setNotice(outcome);
      return;
    }
    // The code lives 30 seconds: hand it to the server at once.
    call(() => actions.startEmbedded({ code: outcome.code, event: outcome.event }));
  }

  const done = Boolean(view?.completedAt && view.channel);
  // The number as the page knows it now: a number saved pending may have been registered since.
  const channel = view?.channel
    ? { ...view.channel, status: props.channelStatuses?.[view.channel.id] ?? view.channel.status }
    : null;
  const superseded = channel !== null && channel.status !== view?.channel?.status;
  const reconnect = Boolean(props.reauthorizePhoneNumberId);

  function connectLabel() {
    if (waiting) return "Waiting for Facebook…";
    if (pending) return "Connecting…";
    if (!signup.ready && !signup.loadError) return "Loading Facebook…";
    if (notice && notice.kind !== "problem") return "Try again";
    if (view) return "Run the signup again";
    if (notice) return "Try again";
    return reconnect ? "Reconnect with Facebook" : "Connect with Facebook";
  }

  return (
    <div
      className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid="connect-wizard"
    >
      <Tabs value={tab} onValueChange={(next) => setTab(next as typeof tab)} className="gap-0">
        <TabsList variant="line" aria-label="How to connect">
          <TabsTrigger variant="line" value="facebook" data-testid="tab-facebook">
            Facebook signup
          </TabsTrigger>
          <TabsTrigger variant="line" value="manual" data-testid="manual-tab">
            Enter details manually
          </TabsTrigger>
        </TabsList>

        <TabsContent value="facebook" className="mt-5 space-y-5">
          <p className="text-sm text-zinc-600">
            {reconnect
              ? "Sign in with Facebook again to give Parley fresh access to this number. Your conversations and settings stay as they are."
              : "Sign in with Facebook, choose or create your WhatsApp Business account and number, and Parley does the rest."}
            {sandbox && " (Sandbox: a simulated signup window opens instead of Facebook.)"}
          </p>
          {!done && !reconnect && (
            <div className="flex items-start gap-2.5">
              <Checkbox
                id="business-app"
                checked={businessApp}
                onCheckedChange={(checked) => setBusinessApp(checked === true)}
                disabled={busy}
                className="mt-0.5"
                data-testid="business-app-option"
              />
              <div className="grid gap-1">
                <Label htmlFor="business-app" className="text-sm font-medium text-zinc-900">
                  I already use this number in the WhatsApp Business app
                </Label>
                <p className="text-xs text-zinc-600">
                  Keep chatting from your phone: Parley's bot answers too, brings in your app's
                  contacts and recent chats, and stops in a chat as soon as you reply from the app.
                  Such numbers send at most 20 messages a second.
                </p>
              </div>
            </div>
          )}
          {!done && (
            <button
              type="button"
              onClick={connect}
              disabled={!signup.ready || busy}
              data-testid="connect-facebook"
              className="rounded-lg bg-[#1877f2] px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
            >
              {connectLabel()}
            </button>
          )}
          {signup.loadError && (
            <p role="alert" className="text-sm text-red-700">
              {signup.loadError}
            </p>
          )}
          {notice && <SignupNoticePanel notice={notice} />}
          {view && (
            <>
              <SignupSteps
                view={view}
                busy={busy}
                onRetry={() => call(() => actions.retryStep(view.id))}
              />
              {view.needsNumber && (
                <ChooseNumber
                  view={view}
                  busy={busy}
                  sandbox={sandbox}
                  onChoose={(id) => call(() => actions.chooseNumber(view.id, id))}
                  onCheckAgain={() => call(() => actions.refreshNumbers(view.id))}
                />
              )}
            </>
          )}
        </TabsContent>
        <TabsContent value="manual" className="mt-5 space-y-5">
          <ManualConnectForm onSubmit={actions.connectManual} onConnected={show} />
          {view?.flow === "manual" && !superseded && <SignupSteps view={view} busy={busy} />}
        </TabsContent>
      </Tabs>
      {done && (channel?.status === "connected" || channel?.status === "pending") && (
        <div className="mt-5">
          <ConnectedSummary channel={channel} />
        </div>
      )}
    </div>
  );
}
