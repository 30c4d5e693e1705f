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
