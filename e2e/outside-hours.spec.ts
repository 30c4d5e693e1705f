import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connectSandboxNumber, signUpOwner } from "./session";

const ZONE = "Africa/Nairobi";
const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open every day for one hour only.",
  keywords: ["hours", "open"],
};
const DELIVERY_FAQ = {
  question: "Do you deliver?",
  answer: "Yes, we deliver across Nairobi for 200 KES.",
  keywords: ["deliver", "delivery"],
};

/** Open every day for one hour, starting two hours from now in the shop's zone: closed now. */
function closedNow() {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: ZONE }).format(
      new Date(),
    ),
  );
  const opens = (hour + 2) % 24;
  const pad = (h: number) => String(h).padStart(2, "0");
  const range = `${pad(opens)}:00-${pad(opens + 1)}:00`;
  return {
    opens,
    week: Object.fromEntries(["1", "2", "3", "4", "5", "6", "7"].map((d) => [d, [range]])),
  };
}

async function openPhone(page: Page, p: { phoneNumberId: string; customer: string; name: string }) {
  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number").selectOption(p.phoneNumberId);
  await page.getByLabel("Your phone number").fill(p.customer);
  await page.getByLabel("Your name").fill(p.name);
  const sent = page.getByTestId("thread").locator('[data-direction="from_customer"]');
  const replies = page.getByTestId("thread").locator('[data-direction="to_customer"]');
  const send = async (text: string) => {
    const before = await sent.count();
    await page.getByLabel("Message").fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(sent).toHaveCount(before + 1);
  };
  return { send, replies };
}

test("a customer outside business hours: the answer and the away note once; then only the closed note", async ({
  page,
  context,
  tenants,
  tempFile,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Nairobi Night Bakery" });
  const phoneNumberId = await connectSandboxNumber(page);
  const { opens, week } = closedNow();
  const imported = tenants([
    "import",
    tempFile({
      workspaces: [
        {
          name: "Nairobi Night Bakery",
          whatsapp: { phoneNumberId },
          bot: {
            timezone: ZONE,
            businessHours: week,
            outsideHours: "answer",
            aiDisclosure: false,
          },
          faqs: [HOURS_FAQ, DELIVERY_FAQ],
        },
      ],
    }),
  ]);
  expect(imported.status, imported.stderr).toBe(0);
  const back = new RegExp(`A person will be back (today|tomorrow) at ${opens}:00\\.`);

  // Answering while closed: the FAQ answer, then the away note saying when a person is back.
  const phone = await context.newPage();
  const first = await openPhone(phone, {
    phoneNumberId,
    customer: `2547${String(Date.now()).slice(-8)}`,
    name: `Wanjiru ${dbKind}`,
  });
  await first.send("what are your opening hours?");
  await expect(first.replies).toHaveCount(2, { timeout: 15_000 });
  await expect(first.replies.nth(0)).toContainText(HOURS_FAQ.answer);
  await expect(first.replies.nth(1)).toContainText("We're closed right now");
  await expect(first.replies.nth(1)).toContainText(back);

  // A second question: its answer, and no second away note.
  await first.send("do you deliver to Westlands?");
  await expect(first.replies).toHaveCount(3, { timeout: 15_000 });
  await expect(first.replies.nth(2)).toContainText(DELIVERY_FAQ.answer);
  await expect(phone.getByTestId("thread").getByText(/We're closed right now/)).toHaveCount(1);
  await phone.screenshot({ path: info.outputPath("phone-closed-answering.png"), fullPage: true });

  // The inbox says the bot is answering although the shop is closed.
  await page.goto(`/${slug}/inbox`);
  await page
    .getByTestId("inbox-row")
    .filter({ hasText: `Wanjiru ${dbKind}` })
    .click();
  await expect(page.getByTestId("conversation-status")).toHaveText("Closed now · bot is answering");
  await page.screenshot({ path: info.outputPath("inbox-closed-answering.png") });

  // The owner switches to "only tell customers you're closed".
  await page.goto(`/${slug}/bot`);
  await page.getByTestId("outside-hours").selectOption("closed_only");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("settings-saved")).toBeVisible();

  const second = await openPhone(phone, {
    phoneNumberId,
    customer: `2547${String(Date.now() + 1).slice(-8)}`,
    name: `Otieno ${dbKind}`,
  });
  await second.send("what are your opening hours?");
  await expect(second.replies).toHaveCount(1, { timeout: 15_000 });
  await expect(second.replies.nth(0)).toContainText("We're closed right now");
  await expect(second.replies.nth(0)).toContainText(back);
  await expect(phone.getByTestId("thread")).not.toContainText(HOURS_FAQ.answer);

  // A second question while closed gets nothing more; it waits in the inbox for a person.
  await second.send("do you deliver to Westlands?");

  // The inbox tells the truth: the bot only says it's closed, and the questions wait for a person.
  await page.goto(`/${slug}/inbox`);
  await page
    .getByTestId("inbox-row")
    .filter({ hasText: `Otieno ${dbKind}` })
    .click();
  await expect(
    page.getByTestId("thread").getByText("do you deliver to Westlands?", { exact: true }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("conversation-status")).toHaveText("Closed now · bot only says so");
  await expect(page.getByRole("status").filter({ hasText: "Waiting for a person" })).toContainText(
    "the bot only tells customers so",
  );
  await expect(page.getByTestId("thread")).not.toContainText(DELIVERY_FAQ.answer);
  await page.screenshot({ path: info.outputPath("inbox-closed-only.png") });
  await expect(second.replies).toHaveCount(1);
});
