import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "../lib/outgoing-webhooks/signature";
import { expect, test } from "./fixtures";
import { signUpOwner } from "./session";

type Got = { type: string; body: string; signature: string };

test("an owner adds a webhook endpoint, sends a test event and sees it delivered and verified", async ({
  page,
  dbKind,
}, info) => {
  const got: Got[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      got.push({
        type: String(req.headers["parley-event"]),
        body,
        signature: String(req.headers["parley-signature"]),
      });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  try {
    const { slug } = await signUpOwner(page, { dbKind, business: "Webhook Bakery" });
    await page.goto(`/${slug}/settings/webhooks`);
    await page.getByTestId("webhook-url").fill("not an address");
    await page.getByTestId("webhook-create").click();
    await expect(page.getByRole("alert").first()).toContainText("Enter a full address");

    await page.getByTestId("webhook-url").fill(url);
    await page.getByTestId("webhook-event-contact.opted_out").check();
    await page.getByTestId("webhook-create").click();
    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId("webhook-secret-done").click();
    const endpoint = page.getByTestId("webhook-endpoint");
    await expect(endpoint).toContainText("message.received");
    await expect(endpoint).toContainText("contact.opted_out");

    await page.getByTestId("webhook-test").click();
    await expect(page.getByTestId("webhook-action-result")).toContainText("Test event queued");
    await expect.poll(() => got.length, { timeout: 15_000 }).toBe(1);
    const [ping] = got;
    expect(ping?.type).toBe("ping");
    expect(
      verifySignature({ secret, body: ping?.body ?? "", header: ping?.signature ?? null }),
    ).toBe(true);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId("webhook-delivery").first().getAttribute("data-status");
        },
        { timeout: 15_000 },
      )
      .toBe("delivered");
    await page.screenshot({ path: info.outputPath("webhooks.png"), fullPage: true });

    await page.getByTestId("webhook-toggle").click();
    await expect(page.getByTestId("webhook-action-result")).toContainText("Turned off");
    await expect(page.getByTestId("webhook-test")).toHaveCount(0);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
