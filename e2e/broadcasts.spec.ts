import { expect, test } from "./fixtures";
import { ask, fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner sends a broadcast to opted-in customers, watches its progress, and a reply lands in the inbox", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Lisbon Surf Shop" });
  const phoneNumberId = await connectSandboxNumber(page);
  const stamp = String(Date.now()).slice(-6);
  const customers = ["1", "2", "3"].map((n) => `3519${n}0${stamp}`);
  const [ana, bruno] = customers;

  await page.goto(`/${slug}/contacts`);
  await page.getByTestId("contact-import-open").click();
  await page
    .getByTestId("contact-import-text")
    .fill(
      [
        "phone,name,tags,attributes,opt_in,opt_in_source",
        `+${ana},Ana Sousa,vip,city=Lisbon,yes,shop sign-up form`,
        `+${bruno},,vip,city=Porto,yes,shop sign-up form`,
        `+${customers[2]},Carla,vip,,yes,shop sign-up form`,
        `+351960${stamp},Duarte,vip,,no,asked us to stop`,
        `+351961${stamp},Eva,regular,,yes,shop sign-up form`,
      ].join("\n"),
    );
  await page.getByTestId("contact-import-submit").click();
  await expect(page.getByTestId("contact-import-done")).toContainText("5 added");

  await page.getByRole("link", { name: "Broadcasts" }).click();
  await expect(page.getByRole("heading", { name: "Broadcasts" })).toBeVisible();
  await page.screenshot({ path: info.outputPath("broadcasts-empty.png"), fullPage: true });
  await page.getByRole("link", { name: "New broadcast" }).click();

  await page.getByLabel("Name").fill("Spring swell");
  await page.getByLabel("Template").selectOption({ label: "hello_world (en_US) · utility" });
  await page.getByLabel("Fallback for {{1}}").fill("surfer");
  await expect(page.getByTestId("broadcast-preview")).toContainText("Hello ‹name›");
  // Every opted-in contact until a tag is chosen; then the audience's, with who is left out.
  await expect(page.getByTestId("audience-count")).toContainText("4 contacts will receive it");
  await page.getByTestId("audience-picker").getByText("vip", { exact: true }).click();
  await expect(page.getByTestId("audience-count")).toContainText("3 contacts will receive it");
  await expect(page.getByTestId("audience-count")).toContainText("1 opted out of marketing");
  await page.screenshot({ path: info.outputPath("broadcast-new.png"), fullPage: true });

  await page.getByRole("button", { name: "Review and send" }).click();
  await expect(page.getByTestId("broadcast-confirm")).toContainText(
    "Send “hello_world” to 3 contacts now?",
  );
  await page.screenshot({ path: info.outputPath("broadcast-confirm.png"), fullPage: true });
  await page.getByRole("button", { name: "Send now" }).click();

  await expect(page.getByRole("heading", { name: "Spring swell" })).toBeVisible();
  await expect(page.getByTestId("count-sent")).toHaveText("3", { timeout: 30_000 });
  await expect(page.getByTestId("count-delivered")).toHaveText("3", { timeout: 30_000 });
  await expect(page.getByTestId("broadcast-status")).toHaveText("Completed");
  await expect(page.getByTestId("recipient-table").locator("tbody tr")).toHaveCount(3);
  await page.screenshot({ path: info.outputPath("broadcast-sent.png"), fullPage: true });

  // The customer's phone shows the message with their own name, or the fallback.
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(bruno ?? "");
  await expect(fromBusiness(phone).last()).toContainText("Hello surfer", { timeout: 20_000 });
  await phone.getByLabel("Your phone number").fill(ana ?? "");
  await expect(fromBusiness(phone).last()).toContainText("Hello Ana Sousa", { timeout: 20_000 });

  // Ana answers: the broadcast counts the reply, and it is an ordinary inbox conversation.
  await ask(phone, ana ?? "", "Do you rent boards?");
  await expect(page.getByTestId("count-replied")).toHaveText("1", { timeout: 30_000 });
  await expect(page.getByTestId("recipient-table")).toContainText("Replied");
  await page.screenshot({ path: info.outputPath("broadcast-replied.png"), fullPage: true });
  await page.goto(`/${slug}/inbox`);
  // Her conversation is the one with an unread message (the bot's answer is its preview).
  const hers = page.getByTestId("inbox-row").filter({ hasText: "1 unread" });
  await expect(hers).toHaveCount(1);
  await hers.click();
  await expect(page.getByText("Do you rent boards?")).toBeVisible();
  // The others got the broadcast in their own conversation, shown in the inbox too.
  await expect(page.getByTestId("inbox-row").filter({ hasText: "Hello surfer" })).toBeVisible();

  await page.goto(`/${slug}/broadcasts`);
  await expect(page.getByTestId("broadcast-list")).toContainText("Spring swell");
  await expect(page.getByTestId("broadcast-list")).toContainText("3 sent");
  await page.screenshot({ path: info.outputPath("broadcasts-list.png"), fullPage: true });
});
