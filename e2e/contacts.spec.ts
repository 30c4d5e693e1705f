import { expect, test } from "./fixtures";
import { ask } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner imports contacts (a bad row is refused and nothing written), filters by tag, edits one and erases another with their conversation", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Kassangas Music" });
  const phoneNumberId = await connectSandboxNumber(page);
  const stamp = String(Date.now()).slice(-7);
  const writer = `25472${stamp}`;
  const [amina, tom] = [
    `+254 711 ${stamp.slice(1, 4)} ${stamp.slice(4)}`,
    `+254 712 ${stamp.slice(1)}`,
  ];

  // A customer writes in first: the import will find them by their phone.
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await ask(phone, writer, "hello there");

  await page.goto(`/${slug}/contacts`);
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  await page.getByTestId("contact-import-open").click();
  const rows = (bad: string) =>
    [
      "phone,name,tags,attributes,opt_in,opt_in_source",
      `${amina},Amina Njeri,vip; guitar,city=Nairobi,yes,shop sign-up form`,
      `${bad},Tom Baker,vip,,,`,
      `+${writer},Wanjiru,regular,,,`,
    ].join("\n");
  await page.getByTestId("contact-import-text").fill(rows("0712 not a number"));
  await expect(page.getByTestId("contact-import-row-error")).toHaveText([
    "Row 3: phone “0712 not a number” has letters in it",
  ]);
  await expect(page.getByTestId("contact-import-preview-row")).toHaveCount(3);
  await expect(page.getByTestId("contact-import-submit")).toBeDisabled();
  await page.screenshot({ path: info.outputPath("contacts-import-error.png"), fullPage: true });
  // Nothing was written.
  await page.reload();
  await expect(page.getByTestId("contact-row")).toHaveCount(1);

  await page.getByTestId("contact-import-open").click();
  await page.getByTestId("contact-import-text").fill(rows(tom));
  await expect(page.getByTestId("contact-import-summary")).toContainText(
    "3 rows: 2 to add, 1 to update, 0 unchanged",
  );
  await page.screenshot({ path: info.outputPath("contacts-import-preview.png"), fullPage: true });
  await page.getByTestId("contact-import-submit").click();
  await expect(page.getByTestId("contact-import-done")).toHaveText("Imported: 2 added, 1 updated.");
  await expect(page.getByTestId("contact-row")).toHaveCount(3);

  // Filter by tag: the two VIPs.
  await page.getByTestId("contact-tag").selectOption("vip");
  await page.getByTestId("contact-filter-apply").click();
  await expect(page).toHaveURL(/tag=vip/);
  await expect(page.getByTestId("contact-row")).toHaveCount(2);
  await expect(page.getByTestId("contact-count")).toHaveText("2 contacts match");
  await page.screenshot({ path: info.outputPath("contacts-filtered.png"), fullPage: true });

  // Edit Amina: another tag, and she asked to receive no more offers.
  await page
    .getByTestId("contact-row")
    .filter({ hasText: "Amina Njeri" })
    .getByTestId("contact-open")
    .click();
  await expect(page.getByTestId("contact-title")).toHaveText("Amina Njeri");
  await expect(page.getByTestId("contact-marketing")).toContainText("source: shop sign-up form");
  await page.getByLabel("Tags").fill("vip, guitar, piano");
  await page.getByLabel("Attributes").fill("city=Mombasa\ntier=gold");
  await page.getByLabel("Marketing messages").selectOption("opted_out");
  await page.getByLabel("Where the customer said so").fill("asked on the phone");
  await page.getByTestId("contact-save").click();
  await expect(page.getByTestId("contact-saved")).toBeVisible();
  await page.reload();
  await expect(
    page.getByTestId("contact-marketing").getByTestId("contact-opt-in-badge"),
  ).toHaveText("Opted out");
  await expect(page.getByLabel("Attributes")).toHaveValue("city=Mombasa\ntier=gold");
  await page.screenshot({ path: info.outputPath("contact-detail.png"), fullPage: true });
  // A bad attribute is refused with its reason, and nothing is lost.
  await page.getByLabel("Attributes").fill("city Mombasa");
  await page.getByTestId("contact-save").click();
  await expect(page.getByRole("alert").filter({ hasText: "is not name=value" })).toBeVisible();

  await page.goto(`/${slug}/contacts?tag=piano`);
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  await expect(page.getByTestId("contact-row").getByTestId("contact-opt-in-badge")).toHaveText(
    "Opted out",
  );

  // The customer who wrote in is reached from their conversation in the inbox, and back.
  await page.goto(`/${slug}/inbox`);
  await page.getByTestId("inbox-row").click();
  await page.getByTestId("conversation-contact-link").click();
  await expect(page.getByTestId("contact-title")).toHaveText("Wanjiru");
  await expect(page.getByTestId("contact-conversations").locator("li")).toHaveCount(1);
  await page.getByTestId("contact-conversations").getByRole("link").click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await page.goBack();

  // Erase them: they and their conversation are gone, from the inbox too.
  await expect(page.getByTestId("contact-title")).toHaveText("Wanjiru");
  await page.getByTestId("contact-erase").click();
  await page.getByTestId("contact-erase-confirm").click();
  await expect(page.getByTestId("contact-erased")).toBeVisible();
  await expect(page.getByTestId("contact-row")).toHaveCount(2);
  await expect(page.getByText("Wanjiru")).toHaveCount(0);
  await page.goto(`/${slug}/inbox`);
  await expect(page.getByTestId("inbox-row")).toHaveCount(0);
});
