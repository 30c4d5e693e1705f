import { expect, test } from "./fixtures";
import { connectSandboxNumber, signUpOwner } from "./session";

// The sandbox's Graph emulator reviews a template in about 15 seconds and then sends Meta's
// signed status webhook; the page shows the outcome without a reload.
const REVIEW = { timeout: 45_000 };

test("an owner creates a template, sees it reviewed and approved live, edits and deletes it, and a rejected one says why", async ({
  page,
  dbKind,
}, info) => {
  test.setTimeout(240_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Harbour Bakery" });
  await connectSandboxNumber(page);

  await page.goto(`/${slug}/templates`);
  await expect(page.getByRole("link", { name: "Templates" })).toBeVisible();
  // The account's existing templates, read from WhatsApp.
  await expect(page.getByTestId("template-row-hello_world")).toContainText("Approved");

  // Meta's rules are checked before anything is sent, each beside its field.
  await page.getByTestId("template-new").click();
  await page.getByTestId("template-name").fill("Pickup Ready");
  await page.getByTestId("template-body").fill("{{1}}, your order {{3}} is ready");
  await page.getByTestId("template-save").click();
  await expect(page.getByText("Use only lower-case letters")).toBeVisible();
  await expect(page.getByText("should be {{2}}")).toBeVisible();
  await page.screenshot({ path: info.outputPath("template-errors.png"), fullPage: true });

  await page.getByTestId("template-name").fill("pickup_ready");
  // A corrected field stops showing its error.
  await expect(page.getByText("Use only lower-case letters")).toHaveCount(0);
  await page.getByTestId("template-body").fill("Hi {{1}}, your order {{2}} is ready for pickup.");
  await page.getByTestId("template-example-1").fill("Ana");
  await page.getByTestId("template-example-2").fill("#1042");
  await page.getByTestId("template-footer").fill("Harbour Bakery");
  await page.getByTestId("template-add-quick-reply").click();
  await page.getByTestId("template-button-0-text").fill("On my way");
  await expect(page.getByTestId("template-preview")).toContainText(
    "Hi Ana, your order #1042 is ready for pickup.",
  );
  await page.screenshot({ path: info.outputPath("template-form.png"), fullPage: true });
  await page.getByTestId("template-save").click();

  const row = page.getByTestId("template-row-pickup_ready");
  await expect(row.getByTestId("template-status")).toHaveText("In review");
  await page.screenshot({ path: info.outputPath("template-pending.png"), fullPage: true });
  await expect(row.getByTestId("template-status")).toHaveText("Approved", REVIEW);
  await page.screenshot({ path: info.outputPath("template-approved.png"), fullPage: true });

  // An edit goes back to review, then is approved with the new text.
  await row.getByTestId("template-edit").click();
  await expect(page.getByTestId("template-name")).toBeDisabled();
  await page
    .getByTestId("template-body")
    .fill("Hello {{1}}, order {{2}} is waiting at the counter.");
  await page.getByTestId("template-save").click();
  await expect(row.getByTestId("template-status")).toHaveText("In review");
  await expect(row).toContainText("waiting at the counter");
  await expect(row.getByTestId("template-status")).toHaveText("Approved", REVIEW);

  // A template WhatsApp rejects shows why, in plain words.
  await page.getByTestId("template-new").click();
  await page.getByTestId("template-name").fill("flash_sale_reject");
  await page.getByTestId("template-category").selectOption("MARKETING");
  await page.getByTestId("template-body").fill("Fresh bread is half price today only!");
  await page.getByTestId("template-save").click();
  const rejected = page.getByTestId("template-row-flash_sale_reject");
  await expect(rejected.getByTestId("template-status")).toHaveText("Rejected", REVIEW);
  await expect(rejected.getByTestId("template-reason")).toContainText("format");
  await page.screenshot({ path: info.outputPath("template-rejected.png"), fullPage: true });

  // A picture header: its sample goes to WhatsApp first, then the template names it.
  await page.getByTestId("template-new").click();
  await page.getByTestId("template-name").fill("bread_of_the_day");
  await page.getByTestId("template-category").selectOption("MARKETING");
  await page.getByTestId("template-header-kind").selectOption("image");
  await page.getByTestId("template-sample").setInputFiles({
    name: "bread.png",
    mimeType: "image/png",
    buffer: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
  });
  await expect(page.getByTestId("template-sample-state")).toHaveText("Uploaded bread.png.");
  await page.getByTestId("template-body").fill("Today's bread is sourdough. Come early!");
  await page.getByTestId("template-save").click();
  await expect(
    page.getByTestId("template-row-bread_of_the_day").getByTestId("template-status"),
  ).toHaveText("In review");

  // Deleted at WhatsApp, gone from the page, and still gone after a reload.
  await row.getByTestId("template-delete").click();
  await page.getByRole("alertdialog").getByTestId("template-delete-confirm").click();
  await expect(page.getByTestId("template-row-pickup_ready")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("template-row-flash_sale_reject")).toBeVisible();
  await expect(page.getByTestId("template-row-pickup_ready")).toHaveCount(0);
});
