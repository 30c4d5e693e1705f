import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("a customer rates the conversation an agent closed, and analytics counts it for that agent", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Rated Rugs" });
  const phoneNumberId = await connectSandboxNumber(page);

  // The owner turns ratings on, with their own question.
  await page.goto(`/${slug}/settings/inbox`);
  const settings = page.getByTestId("csat-settings");
  await expect(settings.getByText("(off)")).toBeVisible();
  await page.getByTestId("csat-enabled").click();
  await page.getByTestId("csat-question").fill("How did Rated Rugs do today?");
  await page.getByTestId("csat-save").click();
  await expect(settings.getByRole("status")).toHaveText("Saved");
  await settings.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath("csat-setting.png"), fullPage: true });
  await page.reload();
  await expect(page.getByTestId("csat-enabled")).toHaveAttribute("data-state", "checked");
  await expect(page.getByTestId("csat-question")).toHaveValue("How did Rated Rugs do today?");

  // The customer writes from the simulated phone; the bot answers first.
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(`3519${String(Date.now()).slice(-8)}`);
  const name = `Rosa ${dbKind}`;
  await phone.getByLabel("Your name").fill(name);
  await phone.getByLabel("Message").fill("My rug order 88 has not arrived");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(fromBusiness(phone).first()).toBeVisible({ timeout: 20_000 });

  // The agent takes over, answers, and closes the conversation.
  await page.goto(`/${slug}/inbox`);
  const row = page.getByTestId("inbox-row").filter({ hasText: name });
  await row.click({ timeout: 15_000 });
  await page.getByRole("button", { name: /Take over/ }).click();
  await expect(page.getByTestId("conversation-status")).toHaveText(/You are answering/);
  await page.getByLabel("Reply to the customer").fill("Sorry! Order 88 arrives tomorrow.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(fromBusiness(phone).last()).toContainText("arrives tomorrow", { timeout: 20_000 });
  await page.getByRole("button", { name: /^Close/ }).click();

  // The question reaches the phone once, with its three buttons.
  const question = fromBusiness(phone).filter({ hasText: "How did Rated Rugs do today?" });
  await expect(question).toHaveCount(1, { timeout: 20_000 });
  for (const title of ["Great", "OK", "Poor"]) {
    await expect(question.getByRole("button", { name: title, exact: true })).toBeVisible();
  }
  await phone.screenshot({ path: info.outputPath("csat-phone-question.png") });

  // The customer taps "Great": a thank-you comes back, and nothing else.
  const before = await fromBusiness(phone).count();
  await question.getByRole("button", { name: "Great", exact: true }).click();
  await expect(fromBusiness(phone).last()).toHaveText(/Thank you for your rating!/, {
    timeout: 20_000,
  });
  await phone.waitForTimeout(2000);
  await expect(fromBusiness(phone)).toHaveCount(before + 1);
  await phone.screenshot({ path: info.outputPath("csat-phone-rated.png") });

  // The thread shows the rating; the conversation stays closed and needs no one.
  const thread = page.getByTestId("thread");
  await expect(thread.getByText(/The customer rated the conversation “Great”/)).toBeVisible({
    timeout: 15_000,
  });
  await page.screenshot({ path: info.outputPath("csat-inbox-thread.png") });
  await page.getByRole("tab", { name: /Closed/ }).click();
  await expect(page.getByTestId("inbox-row").filter({ hasText: name })).toBeVisible();
  await expect(page.getByTestId("inbox-row").filter({ hasText: name })).not.toContainText(
    "Needs a person",
  );

  // Analytics counts the rating for the agent who handled it.
  await page.goto(`/${slug}/analytics`);
  const section = page.getByRole("region", { name: "Customer ratings" });
  await expect(section.getByTestId("figure-csat")).toHaveText("100%");
  await expect(section.getByTestId("figure-csat-ratings")).toContainText("1");
  await expect(section.getByTestId("figure-csat-response")).toContainText("100%");
  const agent = section.getByTestId("csat-agent");
  await expect(agent).toHaveCount(1);
  await expect(agent).toContainText("Owner");
  await expect(agent).toContainText("100%");
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: info.outputPath("csat-analytics.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: info.outputPath("csat-analytics-narrow.png") });

  const csv = await (await page.request.get(`/${slug}/analytics/export`)).text();
  expect(csv).toContain("Customer ratings (CSAT)");
  expect(csv).toMatch(/Owner,1,1,1,1,1,/);
});
