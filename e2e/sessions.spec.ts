import { spawnSync } from "node:child_process";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PASSWORD, signUpOwner } from "./session";

// Sessions end on the server: a copied cookie is worth nothing once its owner signs out, changes
// the password or signs out everywhere.

const NEW_PASSWORD = "another long fine password";

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie, "a session cookie after sign-up").toBeDefined();
  return cookie as NonNullable<typeof cookie>;
}

/** A second browser (another device) carrying the given cookie. */
async function deviceWith(browser: Browser, cookie: Awaited<ReturnType<typeof sessionCookie>>) {
  const context = await browser.newContext();
  await context.addCookies([cookie]);
  return { context, page: await context.newPage() };
}

async function expectSignedIn(page: Page, slug: string) {
  await page.goto(`/${slug}/settings`);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
}

async function expectSignedOut(page: Page, slug: string) {
  await page.goto(`/${slug}/settings`);
  await expect(page).toHaveURL(/\/sign-in/);
  const feed = await page.request.get(`/${slug}/faqs/export`);
  expect(feed.status()).toBe(401);
}

async function signInAgain(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({
    "x-forwarded-for": `203.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
  });
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
  return { context, page };
}

test("after sign-out the old cookie opens nothing", async ({ page, context, browser, dbKind }) => {
  const { slug } = await signUpOwner(page, { dbKind, business: "Cookie Shop" });
  const cookie = await sessionCookie(context);
  const copy = await deviceWith(browser, cookie);
  await expectSignedIn(copy.page, slug);

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectSignedOut(copy.page, slug);
  await copy.context.close();
});

test("a password change signs out the other devices and keeps this one", async ({
  page,
  browser,
  dbKind,
}, info) => {
  const { slug, email } = await signUpOwner(page, { dbKind, business: "Password Shop" });
  const other = await signInAgain(browser, email, PASSWORD);
  await expectSignedIn(other.page, slug);

  await page.getByTestId("account-link").click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByTestId("change-password-submit").click();
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();
  await page.screenshot({ path: info.outputPath("account-wrong-password.png"), fullPage: true });

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByTestId("change-password-submit").click();
  await expect(page.getByTestId("password-changed")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: info.outputPath("account-password-changed.png"), fullPage: true });

  await expectSignedOut(other.page, slug);
  await expectSignedIn(page, slug);
  await other.context.close();
  await (await signInAgain(browser, email, NEW_PASSWORD)).context.close();
});

test("sign out everywhere ends every device's session", async ({ page, browser, dbKind }) => {
  const { slug, email } = await signUpOwner(page, { dbKind, business: "Everywhere Shop" });
  const other = await signInAgain(browser, email, PASSWORD);
  await expectSignedIn(other.page, slug);

  await page.goto("/account");
  await page.getByTestId("sign-out-everywhere").click();
  await expect(page.getByTestId("signed-out-everywhere")).toBeVisible();
  await expectSignedOut(other.page, slug);
  await expectSignedOut(page, slug);
  await other.context.close();
});

test("an operator without e-mail resets a password with the command line", async ({
  page,
  context,
  browser,
  dbKind,
  serverEnv,
}, info) => {
  await page.goto("/forgot-password");
  await expect(page.getByTestId("reset-no-email")).toBeVisible();
  await page.screenshot({ path: info.outputPath("forgot-password-no-email.png"), fullPage: true });

  const { slug, email } = await signUpOwner(page, { dbKind, business: "Reset Shop" });
  const cookie = await sessionCookie(context);
  const run = spawnSync("npx", ["tsx", "lib/cli/users.ts", "reset-password", email], {
    env: { ...process.env, ...serverEnv },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const link = run.stdout.trim();
  expect(link).toMatch(
    new RegExp(`^${serverEnv.APP_URL}/reset-password/[A-Za-z0-9_-]{43}$`.replaceAll(".", "\\.")),
  );
  expect(run.stderr).not.toContain(email);

  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(link);
  await ownerPage.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await ownerPage.getByLabel("New password again").fill(NEW_PASSWORD);
  await ownerPage.screenshot({ path: info.outputPath("reset-password.png"), fullPage: true });
  await ownerPage.getByTestId("reset-submit").click();
  await expect(ownerPage.getByTestId("password-reset-done")).toBeVisible();
  await ownerPage.screenshot({ path: info.outputPath("reset-done.png"), fullPage: true });

  const copy = await deviceWith(browser, cookie);
  await expectSignedOut(copy.page, slug);
  await ownerPage.goto(link);
  await expect(ownerPage.getByTestId("reset-link-invalid")).toBeVisible();
  await (await signInAgain(browser, email, NEW_PASSWORD)).context.close();
  await owner.close();
  await copy.context.close();
});
