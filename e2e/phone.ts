import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The business's messages in the sandbox phone's thread. */
export const fromBusiness = (phone: Page) =>
  phone.getByTestId("thread").locator('[data-direction="to_customer"]');

/** One customer asks one question from the sandbox phone and waits for the bot's answer. */
export async function ask(phone: Page, customer: string, question: string) {
  await phone.getByLabel("Your phone number").fill(customer);
  const before = await fromBusiness(phone).count();
  await phone.getByLabel("Message").fill(question);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(fromBusiness(phone)).not.toHaveCount(before, { timeout: 20_000 });
}
