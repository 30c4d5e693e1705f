import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const PASSWORD = "a long and fine password";
let n = 0;
export const uniqueEmail = (label: string, dbKind: string) =>
  `${label}-${dbKind}-${Date.now()}-${++n}@example.com`;

export async function signUp(page: Page, p: { name: string; email: string; business?: string }) {
  // Each test is its own client behind a proxy, as in production: sign-ups are throttled per
  // client address, and every browser test would otherwise share the loopback one.
  await page.setExtraHTTPHeaders({
    "x-forwarded-for": `198.51.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
  });
  await page.getByLabel("Your name").fill(p.name);
  if (p.business) await page.getByLabel("Business name").fill(p.business);
  await page.getByLabel("E-mail").fill(p.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-up-submit").click();
}

/** A new owner with a new workspace, on its WhatsApp page. */
export async function signUpOwner(page: Page, p: { dbKind: string; business: string }) {
  await page.goto("/sign-up");
  const email = uniqueEmail("owner", p.dbKind);
  await signUp(page, { name: "Owner", email, business: p.business });
  await expect(page).toHaveURL(/\/whatsapp$/, { timeout: 30_000 });
  return { email, slug: new URL(page.url()).pathname.split("/")[1] ?? "" };
}

/** Opens the simulated Meta signup from the wizard and clicks one of its endings. */
export async function runSignup(page: Page, ending: string) {
  const popup = page.waitForEvent("popup");
  await page.getByTestId("connect-facebook").click();
  const window = await popup;
  const button = window.getByTestId(ending);
  await expect(button).toBeEnabled();
  // The window closes itself inside the click; clicking after this call returns keeps
  // Playwright from reporting the closing page as a failed click.
  const closed = window.waitForEvent("close");
  await button.evaluate((b: HTMLElement) => {
    setTimeout(() => b.click(), 0);
  });
  await closed;
}

/** Connects a sandbox number through the simulated signup; returns its phone number id. */
export async function connectSandboxNumber(page: Page): Promise<string> {
  await runSignup(page, "sandbox-finish");
  await expect(page.getByTestId("signup-connected")).toBeVisible({ timeout: 30_000 });
  await page.reload();
  const id = (await page.getByTestId("channel-phone-number-id").textContent())?.trim() ?? "";
  expect(id).toMatch(/^\d{15}$/);
  return id;
}

// The sandbox's Meta app, published in lib/env.ts: not secrets.
export const SANDBOX_APP = { id: "1000000000000001", secret: "parley-sandbox-app-secret" };

/**
 * A number made at the sandbox's "Meta" (signup without the popup), registered there, and
 * connected by hand on the WhatsApp page the owner is on. The test gets its token, to call the
 * Graph API emulator as the business would.
 */
export async function connectSandboxNumberByHand(page: Page) {
  const signup = await page.request.post("/sandbox/api/signup", {
    data: { businessName: "Sandbox Business", verifiedName: "Sandbox Business", withNumber: true },
  });
  expect(signup.status()).toBe(200);
  const number = (await signup.json()) as { code: string; wabaId: string; phoneNumberId: string };
  const exchanged = await page.request.post("/sandbox/graph/v25.0/oauth/access_token", {
    form: { client_id: SANDBOX_APP.id, client_secret: SANDBOX_APP.secret, code: number.code },
  });
  const { access_token: accessToken } = (await exchanged.json()) as { access_token: string };
  const registered = await page.request.post(
    `/sandbox/graph/v25.0/${number.phoneNumberId}/register`,
    {
      headers: { authorization: `Bearer ${accessToken}` },
      data: { messaging_product: "whatsapp", pin: "246810" },
    },
  );
  expect(registered.status()).toBe(200);
  await page.getByTestId("manual-tab").click();
  await page.getByTestId("manual-access-token").fill(accessToken);
  await page.getByTestId("manual-phone-number-id").fill(number.phoneNumberId);
  await page.getByTestId("manual-waba-id").fill(number.wabaId);
  await page.getByTestId("manual-submit").click();
  await expect(page.getByTestId("signup-connected")).toHaveAttribute("data-status", "connected", {
    timeout: 30_000,
  });
  return { phoneNumberId: number.phoneNumberId, wabaId: number.wabaId, accessToken };
}
