import type { Page } from "@playwright/test";
import { SNOOZE_PRESETS } from "@/lib/inbox/snooze-presets";
import { expect, test } from "./fixtures";
import { connectSandboxNumber, signUpOwner } from "./session";

async function customerWrites(
  context: import("@playwright/test").BrowserContext,
  p: { phoneNumberId: string; customer: string; name: string; text: string },
): Promise<Page> {
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(p.phoneNumberId);
  await phone.getByLabel("Your phone number").fill(p.customer);
  await phone.getByLabel("Your name").fill(p.name);
  await phone.getByLabel("Message").fill(p.text);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phone.getByTestId("thread").getByText(p.text, { exact: true })).toBeVisible();
  return phone;
}

test("agents insert canned replies with /, label and filter, snooze until the customer writes, and close in bulk", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(240_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Harbour Books" });
  const phoneNumberId = await connectSandboxNumber(page);

  // The owner sets up the library under Settings › Inbox.
  await page.goto(`/${slug}/settings`);
  await page.getByTestId("settings-nav-inbox").click();
  await expect(page.getByRole("heading", { name: "Canned replies" })).toBeVisible();
  const replyForm = page.getByTestId("canned-reply-form").last();
  await replyForm.getByLabel("Title").fill("Greeting");
  await replyForm.getByLabel("Shortcut").fill("/Hi");
  await replyForm.getByLabel("Reply").fill("Hello {{customer_first_name}}, this is ");
  await replyForm.getByRole("button", { name: "{{agent_name}}" }).click();
  await replyForm.getByLabel("Reply").press("End");
  await replyForm.getByLabel("Reply").pressSequentially(" from {{business_name}}.");
  await replyForm.getByRole("button", { name: "Add reply" }).click();
  await expect(page.getByTestId("canned-reply")).toContainText("/hi");
  // A variable the inbox cannot fill is refused with the list of those it can.
  await replyForm.getByLabel("Title").fill("Order");
  await replyForm.getByLabel("Shortcut").fill("order");
  await replyForm.getByLabel("Reply").fill("Your order {{order_id}}");
  await replyForm.getByRole("button", { name: "Add reply" }).click();
  await expect(page.getByText(/Unknown variable \{\{order_id\}\}/)).toBeVisible();

  const labelForm = page.getByTestId("label-form").last();
  for (const [name, colour] of [
    ["Refund", "Red"],
    ["VIP", "Purple"],
  ] as const) {
    await labelForm.getByLabel("Name").fill(name);
    await labelForm.getByLabel("Colour").selectOption({ label: colour });
    await labelForm.getByRole("button", { name: "Add label" }).click();
    await expect(page.getByTestId("label-row").filter({ hasText: name })).toBeVisible();
  }
  await page.screenshot({ path: info.outputPath("inbox-settings.png"), fullPage: true });

  // Three customers write.
  const stamp = String(Date.now()).slice(-7);
  const names = [`Amina ${dbKind}`, `Bruno ${dbKind}`, `Carla ${dbKind}`];
  const phones: Page[] = [];
  for (const [i, name] of names.entries()) {
    phones.push(
      await customerWrites(context, {
        phoneNumberId,
        customer: `3519${i}${stamp}`,
        name,
        text: `Question from ${name}`,
      }),
    );
  }
  await page.goto(`/${slug}/inbox`);
  const row = (name: string) => page.getByTestId("inbox-row").filter({ hasText: name });
  for (const name of names) await expect(row(name)).toBeVisible({ timeout: 20_000 });

  // "/" opens the picker; Enter inserts the reply with its variables filled; Esc closes it.
  await row(names[0] ?? "").click();
  const box = page.getByLabel("Reply to the customer");
  await box.click();
  await box.pressSequentially("/h");
  const picker = page.getByRole("listbox", { name: "Canned replies" });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole("option", { selected: true })).toContainText("Greeting");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await page.screenshot({ path: info.outputPath("canned-picker.png") });
  await box.press("Enter");
  await expect(box).toHaveValue("Hello Amina, this is Owner from Harbour Books.");
  await expect(picker).toBeHidden();
  await box.press("End");
  await box.pressSequentially(" /");
  await expect(picker).toBeVisible();
  await box.press("Escape");
  await expect(picker).toBeHidden();
  await expect(box).toBeFocused();

  // A label from the header (l opens its menu) shows in the list, and the list filters by it.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("l");
  await expect(page.getByRole("menu")).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Refund" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("conversation-labels").getByTestId("label-chip")).toHaveText(
    /Refund/,
  );
  await expect(page.getByTestId("thread").getByText(/added the label "Refund"/)).toBeVisible();
  await expect(row(names[0] ?? "").getByTestId("label-chip")).toHaveText(/Refund/);
  // p opens the priority; a letter picks from it, and then the page has the keys again.
  await page.keyboard.press("p");
  await expect(page.getByRole("listbox")).toBeVisible();
  // The list takes the keys once it has the focus (it moves there as the list opens).
  await expect(page.getByRole("listbox").locator(":focus")).toHaveCount(1);
  await page.keyboard.press("u");
  await expect(page.getByRole("option", { name: "Urgent" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listbox")).toBeHidden();
  await expect(row(names[0] ?? "").getByTestId("priority-chip")).toHaveText("Urgent priority");
  await expect(page.getByTestId("conversation-tools").getByLabel("Priority")).toHaveText("Urgent");
  await page.locator("#inbox-label-filter").click();
  await page.getByRole("option", { name: "Refund" }).click();
  // Gone, not just closing: a list still fading out hands the focus back to its button.
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(page.getByTestId("inbox-row")).toHaveCount(1);
  await expect(row(names[0] ?? "")).toBeVisible();
  await page.screenshot({ path: info.outputPath("inbox-label-filter.png") });
  // The filter is a select from the keyboard too: Enter opens it, arrows move, Enter picks.
  await page.locator("#inbox-label-filter").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("option", { name: "Refund" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("option", { name: "All labels" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#inbox-label-filter")).toHaveText("All labels");
  await expect(page.getByTestId("inbox-row")).toHaveCount(3);

  // Snoozed, it leaves the open list; the customer's next message brings it back.
  await page.getByRole("button", { name: "Snooze…" }).click();
  await page.getByRole("menuitem", { name: SNOOZE_PRESETS.hour }).click();
  await expect(page.getByTestId("snoozed-until")).toBeVisible();
  await expect(row(names[0] ?? "")).toHaveCount(0);
  await page.getByRole("tab", { name: /Snoozed/ }).click();
  await expect(row(names[0] ?? "")).toBeVisible();
  await expect(row(names[0] ?? "").getByTestId("snoozed-chip")).toBeVisible();
  await page.getByRole("tab", { name: /Open/ }).click();
  const first = phones[0];
  if (!first) throw new Error("no phone");
  await first.getByLabel("Message").fill("Any news about the refund?");
  await first.getByRole("button", { name: "Send", exact: true }).click();
  await expect(row(names[0] ?? "")).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByTestId("thread").getByText("The customer wrote, so the snooze ended"),
  ).toBeVisible({
    timeout: 15_000,
  });

  // Two selected conversations closed at once, with the result in words: one ticked with
  // the mouse, the other from the keyboard (x on the open conversation).
  await page.getByRole("checkbox", { name: `Select ${names[1]}` }).check();
  await row(names[2] ?? "").click();
  await expect(page.getByTestId("conversation-tools")).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("x");
  await expect(page.getByRole("checkbox", { name: `Select ${names[2]}` })).toBeChecked();
  await expect(page.getByTestId("bulk-bar")).toBeVisible();
  await page.screenshot({ path: info.outputPath("inbox-bulk.png") });
  await page.getByTestId("bulk-close").click();
  await expect(page.getByTestId("bulk-result")).toHaveText("Closed 2 conversations.");
  await expect(row(names[1] ?? "")).toHaveCount(0);
  await expect(row(names[2] ?? "")).toHaveCount(0);
  await page.getByRole("tab", { name: /Closed/ }).click();
  await expect(row(names[1] ?? "")).toBeVisible();
  await expect(row(names[2] ?? "")).toBeVisible();

  // On a phone, the list's filters and a conversation's tools wrap, nothing cut off.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/${slug}/inbox`);
  await expect(row(names[0] ?? "")).toBeVisible();
  await page.screenshot({ path: info.outputPath("inbox-phone-list.png") });
  await row(names[0] ?? "").click();
  await expect(page.getByTestId("conversation-tools")).toBeVisible();
  await page.screenshot({ path: info.outputPath("inbox-phone-conversation.png") });
});
