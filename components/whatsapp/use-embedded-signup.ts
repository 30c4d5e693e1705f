import { useCallback, useEffect, useRef, useState } from "react";
import { isTrustedSignupOrigin, parseSignupMessage } from "@/lib/whatsapp/embedded-signup-events";
import { type FacebookLogin, loadFacebookLogin } from "@/lib/whatsapp/facebook-sdk";
import { createSignupCorrelator, type SignupOutcome } from "@/lib/whatsapp/signup-correlator";

/** Embedded Signup's feature type for a number already in the WhatsApp Business app. */
export const BUSINESS_APP_ONBOARDING = "whatsapp_business_app_onboarding";

type Options = {
  appId: string;
  configId: string;
  graphVersion: string;
  sandbox: boolean;
  reauthorizePhoneNumberId?: string;
  /** Sandbox only: the business name the simulated signup starts with. */
  businessName?: string;
};

/**
 * Loads Facebook's login ahead of the click (the popup must open within the click, or browsers
 * block it), then runs one signup attempt at a time and reports how it ended.
 */
export function useEmbeddedSignup(opts: Options) {
  const { appId, configId, graphVersion, sandbox, reauthorizePhoneNumberId, businessName } = opts;
  const [login, setLogin] = useState<FacebookLogin | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const attempt = useRef(0);
  const stopAttempt = useRef<() => void>(() => {});

  useEffect(() => {
    let live = true;
    loadFacebookLogin({
      appId,
      graphVersion,
      sandbox,
      reauthorizePhoneNumberId,
      businessName,
    }).then(
      (fb) => live && setLogin(fb),
      (error: Error) => live && setLoadError(error.message),
    );
    return () => {
      live = false;
      stopAttempt.current();
    };
  }, [appId, graphVersion, sandbox, reauthorizePhoneNumberId, businessName]);

  /**
   * `businessApp`: the person already uses the number in the WhatsApp Business app, so the signup
   * onboards it from there (Coexistence) instead of moving it to the Cloud API alone.
   */
  const start = useCallback(
    (opts: { businessApp?: boolean } = {}): Promise<SignupOutcome> | null => {
      if (!login) return null;
      stopAttempt.current();
      // Each attempt has its own number: a message from an earlier window is not this one's.
      const nonce = ++attempt.current;
      const extraOrigin = sandbox ? window.location.origin : undefined;
      return new Promise<SignupOutcome>((resolve) => {
        const onMessage = (event: MessageEvent) => {
          if (nonce !== attempt.current || !isTrustedSignupOrigin(event.origin, extraOrigin))
            return;
          const message = parseSignupMessage(event.data);
          if (message) correlator.message(message);
        };
        const stop = () => {
          correlator.dispose();
          window.removeEventListener("message", onMessage);
        };
        const correlator = createSignupCorrelator({
          onOutcome: (outcome) => {
            window.removeEventListener("message", onMessage);
            resolve(outcome);
          },
        });
        stopAttempt.current = stop;
        window.addEventListener("message", onMessage);
        login.login(
          (response) => {
            if (nonce === attempt.current) correlator.login(response);
          },
          {
            config_id: configId,
            response_type: "code",
            override_default_response_type: true,
            extras: opts.businessApp
              ? { setup: {}, featureType: BUSINESS_APP_ONBOARDING }
              : { setup: {} },
          },
        );
      });
    },
    [login, configId, sandbox],
  );

  return { ready: login !== null, loadError, start };
}
