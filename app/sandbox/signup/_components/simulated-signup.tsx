"use client";

import { useEffect, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { SANDBOX_LOGIN_MESSAGE } from "@/lib/whatsapp/facebook-sdk";

type Reauthorize = { phoneNumberId: string; displayPhoneNumber: string; verifiedName: string };
type Created = { code: string; wabaId: string; phoneNumberId?: string; businessId: string };

const VERSION = "4";

// getRandomValues, unlike randomUUID, also works on plain http away from localhost.
const sessionId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
const btn = "rounded-lg px-4 py-2 text-sm font-medium disabled:opacity-50";

// Meta posts both messages to the page that opened the popup; here that page is on our origin.
function reply(signup: Record<string, unknown>, code: string | null) {
  const opener = window.opener as Window | null;
  if (!opener) return;
  const origin = window.location.origin;
  opener.postMessage(
    JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", ...signup, version: VERSION }),
    origin,
  );
  opener.postMessage(
    JSON.stringify({ type: SANDBOX_LOGIN_MESSAGE, authResponse: code ? { code } : null }),
    origin,
  );
  window.close();
}

/** The sandbox's Embedded Signup dialog: every ending Meta's popup can have, one button each. */
export function SimulatedSignup({
  reauthorize,
  businessName: suggested,
  businessApp = false,
}: {
  reauthorize: Reauthorize | null;
  /** Opened with Embedded Signup's WhatsApp Business app onboarding (Coexistence). */
  businessApp?: boolean;
  /** The business the signup was opened for; a made-up bakery when none is given. */
  businessName?: string;
}) {
  const [businessName, setBusinessName] = useState(suggested || "Sunrise Bakery Ltd");
  const [verifiedName, setVerifiedName] = useState(
    reauthorize?.verifiedName || suggested || "Sunrise Bakery",
  );
  const [problem, setProblem] = useState(
    "Your business portfolio isn't eligible to use the WhatsApp Business Platform right now.",
  );
  // Unknown until hydrated: the buttons stay disabled until they can post to the opener.
  const [hasOpener, setHasOpener] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [shareHistory, setShareHistory] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setHasOpener(Boolean(window.opener)), []);

  async function finish(withNumber: boolean) {
    setBusy(true);
    setError(null);
    const res = await fetch("/sandbox/api/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        businessName,
        verifiedName,
        withNumber,
        businessApp,
        shareHistory: businessApp && shareHistory,
        ...(reauthorize && { phoneNumberId: reauthorize.phoneNumberId }),
      }),
    });
    const json = (await res.json().catch(() => null)) as
      | (Created & { error?: { message?: string } })
      | null;
    if (!res.ok || !json) {
      setBusy(false);
      setError(json?.error?.message ?? `The sandbox could not finish the signup (${res.status}).`);
      return;
    }
    reply(
      {
        event: businessApp
          ? "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"
          : withNumber
            ? "FINISH"
            : "FINISH_ONLY_WABA",
        data: {
          ...(json.phoneNumberId && { phone_number_id: json.phoneNumberId }),
          waba_id: json.wabaId,
          business_id: json.businessId,
        },
      },
      json.code,
    );
  }

  const cancel = () =>
    reply({ event: "CANCEL", data: { current_step: "PHONE_NUMBER_SETUP" } }, null);
  const report = () =>
    reply(
      {
        event: "CANCEL",
        data: {
          error_message: problem,
          error_code: "524126",
          session_id: sessionId(),
          timestamp: Math.floor(Date.now() / 1000),
        },
      },
      null,
    );
  const simulateError = () => reply({ event: "ERROR", data: { error_message: problem } }, null);

  const disabled = busy || !hasOpener;
  const input = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm";

  return (
    // The whole window stands for Meta's popup: always open, and Esc cancels like closing it.
    <Dialog
      open
      modal={false}
      onOpenChange={(open) => {
        if (!open && !disabled) cancel();
      }}
    >
      <DialogContent
        showCloseButton={false}
        onInteractOutside={(e) => e.preventDefault()}
        // The window opens as the page did, without picking a field for the person.
        onOpenAutoFocus={(e) => e.preventDefault()}
        className="block max-h-[calc(100dvh-2rem)] overflow-y-auto rounded-xl border-2 border-dashed border-amber-400 bg-white p-6 shadow-sm sm:max-w-lg"
        data-testid="sandbox-signup"
      >
        <p className="text-xs font-semibold tracking-wide text-amber-700 uppercase">
          Sandbox — simulated Meta signup
        </p>
        <DialogTitle asChild>
          <h1 className="mt-1 text-xl font-semibold">
            {reauthorize
              ? "Reconnect your WhatsApp number"
              : businessApp
                ? "Connect your WhatsApp Business app"
                : "Connect your WhatsApp Business account"}
          </h1>
        </DialogTitle>
        <DialogDescription className="mt-2 text-sm text-zinc-600">
          This stands in for Facebook's Embedded Signup window. Nothing here talks to Meta: the
          sandbox creates the account and number itself.
        </DialogDescription>
        {hasOpener === false && (
          <p role="alert" className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Open this window from Parley's “Connect with Facebook” button: it reports back to the
            page that opened it.
          </p>
        )}

        {reauthorize ? (
          <div
            className="mt-5 rounded-lg bg-zinc-50 px-4 py-3 text-sm"
            data-testid="sandbox-signup-number"
          >
            <p className="font-medium">{reauthorize.displayPhoneNumber}</p>
            <p className="text-zinc-600">{reauthorize.verifiedName}</p>
          </div>
        ) : (
          <div className="mt-5 space-y-4">
            <label className="block text-sm font-medium text-zinc-700">
              Business portfolio name
              <input
                className={input}
                value={businessName}
                onChange={(e) => setBusinessName(e.target.value)}
                data-testid="sandbox-business-name"
              />
            </label>
            <label className="block text-sm font-medium text-zinc-700">
              WhatsApp display name
              <input
                className={input}
                value={verifiedName}
                onChange={(e) => setVerifiedName(e.target.value)}
                data-testid="sandbox-verified-name"
              />
            </label>
            {businessApp && (
              <div className="rounded-lg bg-zinc-50 px-4 py-3" data-testid="sandbox-business-app">
                <p className="text-sm text-zinc-700">
                  In the real flow you scan a code with the WhatsApp Business app on your phone and
                  confirm there. The sandbox makes up the app's number, a few contacts and chats.
                </p>
                <label className="mt-3 flex items-center gap-2 text-sm font-medium text-zinc-800">
                  <input
                    type="checkbox"
                    checked={shareHistory}
                    onChange={(e) => setShareHistory(e.target.checked)}
                    data-testid="sandbox-share-history"
                  />
                  Share my chat history with this app
                </label>
              </div>
            )}
          </div>
        )}

        {error && (
          <p role="alert" className="mt-4 text-sm text-red-700">
            {error}
          </p>
        )}

        <div className="mt-6 flex flex-wrap gap-2">
          <button
            type="button"
            disabled={disabled}
            onClick={() => finish(true)}
            data-testid="sandbox-finish"
            className={`${btn} bg-[#1877f2] text-white`}
          >
            {reauthorize ? "Continue" : "Finish"}
          </button>
          {!reauthorize && !businessApp && (
            <button
              type="button"
              disabled={disabled}
              onClick={() => finish(false)}
              data-testid="sandbox-finish-only-waba"
              className={`${btn} border border-zinc-300 bg-white text-zinc-800`}
            >
              Finish without a phone number
            </button>
          )}
          <button
            type="button"
            disabled={disabled}
            onClick={cancel}
            data-testid="sandbox-cancel"
            className={`${btn} border border-zinc-300 bg-white text-zinc-800`}
          >
            Cancel
          </button>
        </div>

        <section
          className="mt-6 border-t border-zinc-200 pt-4 text-sm"
          aria-label="End with a problem"
        >
          <p className="text-zinc-600">Or end the signup with a problem:</p>
          <label className="mt-3 block text-sm font-medium text-zinc-700">
            Error message
            <input
              className={input}
              value={problem}
              onChange={(e) => setProblem(e.target.value)}
              data-testid="sandbox-error-message"
            />
          </label>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={disabled}
              onClick={report}
              data-testid="sandbox-report-problem"
              className={`${btn} border border-zinc-300 bg-white text-zinc-800`}
            >
              Report a problem
            </button>
            <button
              type="button"
              disabled={disabled}
              onClick={simulateError}
              data-testid="sandbox-simulate-error"
              className={`${btn} border border-red-300 bg-white text-red-700`}
            >
              Simulate an error
            </button>
          </div>
        </section>
      </DialogContent>
    </Dialog>
  );
}
