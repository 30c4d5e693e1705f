// Facebook Login for Business in the browser: Meta's JavaScript SDK, or, in the sandbox, a
// stand-in with the same `login` that opens the simulated signup window instead. Browser-only:
// call it from effects or event handlers, never during server rendering.

export type FacebookLoginOptions = {
  config_id: string;
  response_type: "code";
  override_default_response_type: true;
  extras: Record<string, unknown>;
};
export type FacebookLoginResponse = {
  authResponse: { code?: string } | null;
  status?: string;
};
export type FacebookLogin = {
  login(callback: (response: FacebookLoginResponse) => void, options: FacebookLoginOptions): void;
};

type FacebookSdk = FacebookLogin & {
  init(params: { appId: string; autoLogAppEvents: boolean; xfbml: boolean; version: string }): void;
};
type FacebookWindow = Window & { FB?: FacebookSdk; fbAsyncInit?: () => void };

const SDK_URL = "https://connect.facebook.net/en_US/sdk.js";
/** What the sandbox's signup window posts back, in place of the SDK's own login channel. */
export const SANDBOX_LOGIN_MESSAGE = "PARLEY_SANDBOX_FB_LOGIN";

let loading: Promise<FacebookSdk> | null = null;

function loadSdk(appId: string, version: string): Promise<FacebookSdk> {
  const w = window as FacebookWindow;
  const init = (fb: FacebookSdk) => {
    fb.init({ appId, autoLogAppEvents: true, xfbml: true, version });
    return fb;
  };
  if (w.FB) return Promise.resolve(init(w.FB));
  loading ??= new Promise<FacebookSdk>((resolve, reject) => {
    w.fbAsyncInit = () => {
      if (w.FB) resolve(init(w.FB));
      else reject(new Error("Facebook's sign-in script loaded but did not start."));
    };
    const script = document.createElement("script");
    script.id = "facebook-jssdk";
    script.src = SDK_URL;
    script.async = true;
    script.defer = true;
    script.crossOrigin = "anonymous";
    script.onerror = () => {
      // Let a later click try again (e.g. after an ad blocker is paused).
      loading = null;
      script.remove();
      reject(
        new Error(
          "Facebook's sign-in script could not be loaded. Check your connection or any content blocker, then try again.",
        ),
      );
    };
    document.body.appendChild(script);
  });
  return loading;
}

function readSandboxLogin(data: unknown): FacebookLoginResponse | null {
  let value: unknown = data;
  if (typeof data === "string") {
    try {
      value = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null) return null;
  const m = value as { type?: unknown; authResponse?: { code?: unknown } | null };
  if (m.type !== SANDBOX_LOGIN_MESSAGE) return null;
  const code = m.authResponse?.code;
  return typeof code === "string" && code
    ? { authResponse: { code }, status: "connected" }
    : { authResponse: null, status: "unknown" };
}

function sandboxLogin(
  appId: string,
  reauthorizePhoneNumberId?: string,
  businessName?: string,
): FacebookLogin {
  return {
    login(callback, options) {
      const url = new URL("/sandbox/signup", window.location.origin);
      url.searchParams.set("app_id", appId);
      url.searchParams.set("config_id", options.config_id);
      if (reauthorizePhoneNumberId)
        url.searchParams.set("phone_number_id", reauthorizePhoneNumberId);
      if (businessName) url.searchParams.set("business_name", businessName);
      const featureType = options.extras.featureType;
      if (typeof featureType === "string") url.searchParams.set("feature_type", featureType);
      const popup = window.open(url, "parley-sandbox-signup", "popup,width=600,height=720");
      if (!popup) {
        callback({ authResponse: null, status: "unknown" });
        return;
      }
      let done = false;
      const finish = (response: FacebookLoginResponse) => {
        if (done) return;
        done = true;
        window.removeEventListener("message", onMessage);
        clearInterval(poll);
        callback(response);
      };
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== window.location.origin || event.source !== popup) return;
        const response = readSandboxLogin(event.data);
        if (response) finish(response);
      };
      window.addEventListener("message", onMessage);
      // Closed without an answer: cancelled. The grace period lets messages it posted while
      // closing arrive first.
      const poll = setInterval(() => {
        if (popup.closed) setTimeout(() => finish({ authResponse: null, status: "unknown" }), 300);
      }, 500);
    },
  };
}

/** Facebook's login, ready to call; in the sandbox, the simulated signup window. */
export async function loadFacebookLogin(opts: {
  appId: string;
  graphVersion: string;
  sandbox: boolean;
  /** Sandbox only: the simulated signup re-authorizes this number instead of creating one. */
  reauthorizePhoneNumberId?: string;
  /** Sandbox only: the business name the simulated signup starts with. */
  businessName?: string;
}): Promise<FacebookLogin> {
  if (opts.sandbox) {
    return sandboxLogin(opts.appId, opts.reauthorizePhoneNumberId, opts.businessName);
  }
  const fb = await loadSdk(opts.appId, opts.graphVersion);
  return { login: (callback, options) => fb.login(callback, options) };
}
