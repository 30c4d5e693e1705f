import { describe, expect, it } from "vitest";
import { buildCsp, newNonce, SANDBOX_PHONE_HEADERS, staticSecurityHeaders } from "./headers";
import { requestIdFrom } from "./request-id";

const names = (appUrl: string | undefined) => staticSecurityHeaders(appUrl).map((h) => h.key);

describe("security headers", () => {
  it("send HSTS only when APP_URL is https", () => {
    expect(names("https://parley.example.com")).toContain("Strict-Transport-Security");
    expect(names("HTTPS://parley.example.com")).toContain("Strict-Transport-Security");
    expect(names("http://localhost:3000")).not.toContain("Strict-Transport-Security");
    expect(names(undefined)).not.toContain("Strict-Transport-Security");
    expect(
      Object.fromEntries(staticSecurityHeaders("http://x").map((h) => [h.key, h.value])),
    ).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": expect.stringContaining("camera=()"),
    });
  });

  it("deny the microphone everywhere but the simulated phone, which records voice notes", () => {
    const policy = (headers: { key: string; value: string }[]) =>
      headers.find((h) => h.key === "Permissions-Policy")?.value;
    expect(policy(staticSecurityHeaders("http://x"))).toContain("microphone=()");
    expect(policy(SANDBOX_PHONE_HEADERS)).toContain("microphone=(self)");
    expect(policy(SANDBOX_PHONE_HEADERS)).toContain("camera=()");
  });

  it("allow scripts only with the nonce (and Facebook's SDK), and no framing", () => {
    const csp = buildCsp({ nonce: "abc123==", dev: false, https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(script).toBe(
      "script-src 'self' 'nonce-abc123==' 'strict-dynamic' https://connect.facebook.net",
    );
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(buildCsp({ nonce: "n", dev: true, https: false })).toContain("'unsafe-eval'");
    expect(buildCsp({ nonce: "n", dev: false, https: true })).toContain(
      "upgrade-insecure-requests",
    );
  });

  it("make a fresh nonce every time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it("keep a plausible incoming request id and replace anything else", () => {
    expect(requestIdFrom("lb-7f3a.19:2")).toBe("lb-7f3a.19:2");
    for (const bad of [null, "", "a\nfake log line", "x".repeat(129), "<script>"]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
