import { expect, test } from "./fixtures";

test("health reports the database, job driver and sandbox", async ({ request, dbKind }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: dbKind, jobs: "inline", sandbox: true });
});

test("the home page explains the deployment and shows the webhook URL", async ({
  page,
  baseURL,
  dbKind,
}, info) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("WhatsApp Business bots");
  await expect(
    page.getByText(dbKind === "pglite" ? "Embedded PostgreSQL" : "PostgreSQL", { exact: true }),
  ).toBeVisible();
  await expect(page.getByText("Sandbox", { exact: true })).toBeVisible();
  await expect(page.getByTestId("webhook-url")).toHaveText(`${baseURL}/api/webhooks/whatsapp`);
  await page.screenshot({ path: info.outputPath("home.png"), fullPage: true });
});

test("unknown API routes and bad keys answer with the error shape", async ({ request }) => {
  const res = await request.get("/api/v1/conversations", {
    headers: { authorization: "Bearer nope" },
  });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({
    error: { code: "unauthorized", message: expect.any(String) },
  });
});

test("the API reference shows every route with a curl example for this deployment", async ({
  page,
  request,
  baseURL,
}, info) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  const routes = Object.values(doc.paths as Record<string, object>).flatMap((m) => Object.keys(m));
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API reference");
  await expect(page.getByTestId("api-operation")).toHaveCount(routes.length);
  // Each example is a curl call to this deployment (a write names its method first).
  for (const operation of await page.getByTestId("api-operation").all()) {
    await expect(operation).toContainText(/curl (-X [A-Z]+ )?http/);
    await expect(operation).toContainText(`${baseURL}/api/v1/`);
  }
  await page.screenshot({ path: info.outputPath("api-reference.png"), fullPage: true });
});
