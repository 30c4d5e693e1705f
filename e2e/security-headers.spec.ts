import { createHmac } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connectSandboxNumber, runSignup, signUpOwner } from "./session";

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("every page has its security headers and a fresh script nonce, which its scripts carry", async ({
  request,
}) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request.get("/sign-in");
    expect(res.status()).toBe(200);
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic' https:\/\/connect\.facebook\.net;/,
    );
    expect(csp).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["x-frame-options"]).toBe("DENY");
    // The servers under test run on http://localhost: no HSTS (the https case is a unit test).
    expect(h["strict-transport-security"]).toBeUndefined();
    expect(h["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

    const nonce = nonceOf(csp);
    expect(nonce).toBeTruthy();
    nonces.push(nonce ?? "");
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("a request keeps the id it came with; API routes and Meta's webhook work behind the proxy", async ({
  request,
}) => {
  const health = await request.get("/api/health", { headers: { "x-request-id": "lb-1234.abc" } });
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  expect(health.headers()["x-request-id"]).toBe("lb-1234.abc");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  const forged = await request.get("/api/health", { headers: { "x-request-id": "a b\tc" } });
  expect(forged.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  // A signed delivery reaches the webhook byte for byte (the signature covers the raw body).
  const raw = JSON.stringify({ object: "whatsapp_business_account", entry: [] });
  const sig = createHmac("sha256", "parley-sandbox-app-secret").update(raw).digest("hex");
  const delivered = await request.post("/api/webhooks/whatsapp", {
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": `sha256=${sig}`,
      "x-request-id": "meta-77",
    },
    data: raw,
  });
  expect(delivered.status()).toBe(200);
  // The proxy skips the webhook; the route keeps the id itself, and the static headers stay.
  expect(delivered.headers()["x-request-id"]).toBe("meta-77");
  expect(delivered.headers()["x-content-type-options"]).toBe("nosniff");
  const unsigned = await request.post("/api/webhooks/whatsapp", {
    headers: { "content-type": "application/json" },
    data: raw,
  });
  expect(unsigned.status()).toBe(401);
  const inngest = await request.get("/api/inngest");
  expect(inngest.status()).toBeLessThan(500);
});

/** Every Content Security Policy report in any page or popup of the context. */
async function watchCsp(context: BrowserContext) {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on("console", (msg) => {
    const text = msg.text();
    if (/CSP violation|Content Security Policy/i.test(text)) violations.push(text);
  });
  return violations;
}

test("sign-up, the sandbox signup popup and the simulated phone run under the policy with no violation", async ({
  page,
  context,
  dbKind,
}) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(context);
  await signUpOwner(page, { dbKind, business: "Policy Checked Shop" });
  await runSignup(page, "sandbox-cancel");
  await expect(page.getByTestId("signup-cancelled")).toBeVisible();
  const phoneNumberId = await connectSandboxNumber(page);

  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  await phone.getByLabel("Message").fill("Hello, are you open?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(
    phone.getByTestId("thread").locator('[data-direction="to_customer"]').first(),
  ).toBeVisible({ timeout: 20_000 });
  expect(violations).toEqual([]);
});
