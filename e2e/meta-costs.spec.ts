import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner sees what Meta charges for the messages sent, estimated from the rate table the operator keeps", async ({
  page,
  context,
  dbKind,
  metaRates,
  tempFile,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Nairobi Bikes" });
  const phoneNumberId = await connectSandboxNumber(page);
  // A Kenyan customer: Meta's "Rest of Africa" market.
  const customer = `2547${String(Date.now()).slice(-8)}`;
  const name = `Wanjiru ${dbKind}`;

  // The customer writes; the bot's answers inside the 24-hour window are free.
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(customer);
  await phone.getByLabel("Your name").fill(name);
  await phone.getByLabel("Message").fill("Do you repair bikes?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(fromBusiness(phone).first()).toBeVisible({ timeout: 20_000 });

  // A day later the window is closed: a utility template is charged.
  await phone.getByTestId("sandbox-skip-time").click();
  await phone.getByTestId("sandbox-skip-time-confirm").click();
  await expect(phone.getByTestId("sandbox-skip-time-done")).toBeVisible();
  await page.goto(`/${slug}/inbox`);
  await page.getByTestId("inbox-row").filter({ hasText: name }).click();
  await expect(page.getByTestId("window-closed")).toBeVisible({ timeout: 15_000 });
  await page.getByLabel("Template").selectOption({ label: "order_update (en_US) · utility" });
  await page.getByLabel("Body value {{1}}").fill(name);
  await page.getByLabel("Body value {{2}}").fill("77");
  await page.getByLabel("Body value {{3}}").fill("ready for pick-up");
  await page.getByRole("button", { name: "Send template" }).click();
  await expect(
    page
      .getByTestId("thread")
      .locator('[data-direction="outbound"]')
      .filter({ hasText: "ready for pick-up" }),
  ).toHaveAttribute("data-status", /delivered|read/, { timeout: 20_000 });

  // Analytics: one utility template at Rest of Africa's $0.004, the bot's replies free.
  await page.goto(`/${slug}/analytics`);
  const section = page.getByRole("region", { name: "WhatsApp messaging cost (Meta)" });
  await expect(section.getByTestId("figure-meta-cost")).toHaveText("$0.004");
  const utility = section.locator('[data-testid="meta-category"][data-category="utility"]');
  await expect(utility).toContainText("1 × $0.004");
  const service = section.locator('[data-testid="meta-category"][data-category="service"]');
  await expect(service.getByTestId("meta-category-cost")).toHaveText("$0");
  await expect(section.getByTestId("meta-cost-note")).toContainText("Meta's published rates as of");
  await section.screenshot({ path: info.outputPath("analytics-meta-cost.png") });

  // The operator imports Meta's newer rates: a bad file is refused with its rows named, a good
  // one replaces the table, and the page estimates from it.
  const bad = metaRates(["import", tempFile("country,category,price_usd\nKenya,utility,0.01\n")]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain("row 2: country “Kenya”");
  try {
    const good = metaRates([
      "import",
      tempFile("country,category,price_usd\nKE,utility,0.0125\nother,utility,0.008\n"),
    ]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain("Imported 2 rate(s)");
    await page.reload();
    await expect(section.getByTestId("figure-meta-cost")).toHaveText("$0.0125");
    await expect(section.getByTestId("meta-cost-note")).toContainText("your Parley operator");
  } finally {
    expect(metaRates(["reset"]).status).toBe(0);
  }

  const csv = await (await page.request.get(`/${slug}/analytics/export`)).text();
  expect(csv).toMatch(/^utility,1,0,0,0\.004000\r?$/m);
});
