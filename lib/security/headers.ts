// The browser-facing security headers. Kept free of Next and of lib/env so that next.config.ts
// and proxy.ts can both use them and unit tests can check them as plain strings.

/** Meta's JavaScript SDK for Embedded Signup: its script, the frames and calls it makes. */
const FACEBOOK_SDK = "https://connect.facebook.net";
const FACEBOOK = "https://*.facebook.com";
/** Where the OAuth sign-in buttons send the browser when a form posts without JavaScript. */
const OAUTH_FORMS = ["https://www.facebook.com", "https://accounts.google.com"];

export type CspOptions = { nonce: string; dev: boolean; https: boolean };

/**
 * The Content Security Policy of one response. Scripts run only with this response's nonce (and
 * what those scripts load, through 'strict-dynamic'); the host list is for browsers without
 * 'strict-dynamic'. Styles may be inline: Radix and React set style attributes.
 */
export function buildCsp({ nonce, dev, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${FACEBOOK_SDK}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' blob: data: ${FACEBOOK}`,
    "font-src 'self'",
    `connect-src 'self' ${FACEBOOK} ${FACEBOOK_SDK}${dev ? " ws:" : ""}`,
    `frame-src 'self' ${FACEBOOK}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${OAUTH_FORMS.join(" ")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh, unguessable nonce: 16 random bytes in base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type Header = { key: string; value: string };

/** The headers every response carries, whatever its type; HSTS only for an https APP_URL. */
export function staticSecurityHeaders(appUrl: string | undefined): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // For browsers that predate CSP's frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: permissionsPolicy("()") },
    ...(isHttps(appUrl)
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}

function permissionsPolicy(microphone: "()" | "(self)"): string {
  return `camera=(), microphone=${microphone}, geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()`;
}

/** The simulated phone records voice notes: it alone may use the microphone, on this origin. */
export const SANDBOX_PHONE_HEADERS: Header[] = [
  { key: "Permissions-Policy", value: permissionsPolicy("(self)") },
];

export function isHttps(appUrl: string | undefined): boolean {
  return appUrl?.trim().toLowerCase().startsWith("https://") ?? false;
}
