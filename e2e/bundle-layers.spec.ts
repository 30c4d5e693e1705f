import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { SANDBOX_APP_SECRET } from "@/lib/env";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { signPayload } from "@/lib/whatsapp/signature";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";
import { connectSandboxNumber, signUpOwner } from "./session";

// The production build bundles pages, server actions and route handlers apart, so one module can
// exist in several copies in a process. This drives the order that once broke replies: a page and
// a server action talk to WhatsApp first, then a customer's message is answered by a job started
// from the webhook route, and Meta refuses a call in it. A fresh server makes the order certain.
const PORT = e2ePort(3102);
const BASE = `http://localhost:${PORT}`;

let server: ChildProcess | null = null;
let log = "";

test.beforeAll(async ({ dbKind }) => {
  if (dbKind !== "pglite") return;
  server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: `.test-data/e2e-bundles-${randomBytes(4).toString("hex")}`,
      PORT: String(PORT),
      APP_URL: BASE,
      OPENAI_API_KEY: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so the server npx starts is stopped with it.
    detached: true,
  });
  server.stdout?.on("data", (d) => {
    log += String(d);
  });
  server.stderr?.on("data", (d) => {
    log += String(d);
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not start:\n${log}`);
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

test.use({ baseURL: BASE });

test("a refusal from Meta inside the reply job is understood whichever bundle met WhatsApp first", async ({
  page,
  request,
  dbKind,
}, info) => {
  test.skip(dbKind !== "pglite", "runs once, on its own fresh server");
  // A page and a server action reach the Graph API before any job does.
  const { slug } = await signUpOwner(page, { dbKind, business: "Bundle Order Shop" });
  const phoneNumberId = await connectSandboxNumber(page);
  await page.goto(`/${slug}/whatsapp`);

  // A customer message whose id WhatsApp does not know: marking it read is refused (code 100).
  const customer = { phone: "254733000111", name: "Baraka" };
  const raw = JSON.stringify(
    envelope({
      wabaId: "1",
      changes: [
        messagesChange(phoneNumberId, {
          contacts: [contact(customer)],
          messages: [inbound(customer, "text", { text: { body: "Do you repair amplifiers?" } })],
        }),
      ],
    }),
  );
  const signature = signPayload(raw, SANDBOX_APP_SECRET);
  const delivered = await request.post(`${BASE}/api/webhooks/whatsapp`, {
    data: raw,
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
  });
  expect(delivered.status()).toBe(200);

  // The bot still answers (its fallback message: this server has no AI), at once, not after a
  // string of retries, and the owner sees it in the inbox.
  await page.goto(`/${slug}/inbox`);
  const row = page.getByTestId("inbox-row").filter({ hasText: "Baraka" });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.click();
  const thread = page.getByTestId("thread");
  await expect(thread.locator('[data-direction="outbound"]').first()).toContainText(
    "Sorry, I can't answer that yet",
    { timeout: 8_000 },
  );
  await page.screenshot({ path: info.outputPath("bundle-layers.png"), fullPage: true });
  expect(log).toContain("read failed");
  expect(log).not.toMatch(/failed after \d+ attempt/);
});
