import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { type CapturedMail, startSmtpCapture } from "../lib/testing/smtp-capture";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";
import { PASSWORD, signUp, uniqueEmail } from "./session";

// E-mail confirmation and password reset need a server with SMTP: this file starts its own
// production server (embedded database) with SMTP pointed at a local capture.

const PORT = e2ePort(3102);
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = ".test-data/e2e-account-email";
let server: ChildProcess | undefined;
let capture: Awaited<ReturnType<typeof startSmtpCapture>>;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE });

test.beforeAll(async ({ dbKind }) => {
  test.skip(dbKind !== "pglite", "one SMTP server is enough");
  capture = await startSmtpCapture();
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR,
      PORT: String(PORT),
      APP_URL: BASE,
      SMTP_URL: capture.smtp.url,
      SMTP_FROM: capture.smtp.from,
    },
    stdio: "ignore",
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error("the SMTP test server did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await capture?.close();
});

const decoded = (m: CapturedMail) => m.raw.replace(/=\r\n/g, "").replace(/=3D/g, "=");
async function mailTo(address: string, path: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const mail = capture.mails.findLast((m) => m.to.includes(address));
        link = mail ? (new RegExp(`${BASE}/${path}/[^\\s]+`).exec(decoded(mail))?.[0] ?? "") : "";
        return link;
      },
      { timeout: 15_000 },
    )
    .not.toBe("");
  return link;
}

test("sign-up asks to confirm the address, and a taken address sees the same page", async ({
  page,
}, info) => {
  const email = uniqueEmail("confirm", "smtp");
  await page.goto("/sign-up");
  await signUp(page, { name: "Amina", email, business: "Amina Fabrics" });
  await expect(page.getByTestId("sign-up-sent")).toBeVisible();
  await page.screenshot({ path: info.outputPath("sign-up-check-email.png"), fullPage: true });
  const link = await mailTo(email, "verify-email");

  // Before confirming, the right password does not open the account.
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("auth-error")).toContainText("Confirm your e-mail address first");

  // Someone signing up again with the same address sees exactly the same answer.
  await page.goto("/sign-up");
  await signUp(page, { name: "Someone", email, business: "Other" });
  await expect(page.getByTestId("sign-up-sent")).toBeVisible();

  await page.goto(link);
  await page.screenshot({ path: info.outputPath("verify-email.png"), fullPage: true });
  await page.getByTestId("verify-submit").click();
  await expect(page.getByTestId("email-verified")).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/amina-fabrics/, { timeout: 30_000 });

  // Now confirmed, a new sign-up with the address only mails its owner a notice.
  const before = capture.mails.length;
  await page.context().clearCookies();
  await page.goto("/sign-up");
  await signUp(page, { name: "Someone", email, business: "Other" });
  await expect(page.getByTestId("sign-up-sent")).toBeVisible();
  await expect.poll(() => capture.mails.length).toBe(before + 1);
  expect(decoded(capture.mails.at(-1) as CapturedMail)).toContain("You already have one");
});

test("a forgotten password is reset by an e-mailed link that works once", async ({
  page,
}, info) => {
  const email = uniqueEmail("forgot", "smtp");
  await page.goto("/sign-up");
  await signUp(page, { name: "Juma", email, business: "Juma Hardware" });
  await page.goto(await mailTo(email, "verify-email"));
  await page.getByTestId("verify-submit").click();
  await expect(page.getByTestId("email-verified")).toBeVisible();

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("button", { name: "Send me a link" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByTestId("reset-request").click();
  await expect(page.getByTestId("reset-sent")).toBeVisible();
  await page.screenshot({ path: info.outputPath("forgot-password-sent.png"), fullPage: true });
  const link = await mailTo(email, "reset-password");

  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("my new long password");
  await page.getByLabel("New password again").fill("my new long password");
  await page.getByTestId("reset-submit").click();
  await expect(page.getByTestId("password-reset-done")).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("my new long password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/juma-hardware/, { timeout: 30_000 });

  await page.goto(link);
  await expect(page.getByTestId("reset-link-invalid")).toBeVisible();
});
