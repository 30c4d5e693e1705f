import { expect, test } from "./fixtures";
import { signUpOwner } from "./session";

// The app's tabs, switches and confirmations work from the keyboard and say what they are.
test("tabs, switches and confirmations work from the keyboard", async ({ page, dbKind }, info) => {
  const { slug } = await signUpOwner(page, { dbKind, business: "Keyboard Kiosk" });

  // The sandbox's stand-in for Meta's signup popup is a dialog named by its heading.
  const popup = page.waitForEvent("popup");
  await page.getByTestId("connect-facebook").click();
  const window = await popup;
  const signup = window.getByRole("dialog", { name: "Connect your WhatsApp Business account" });
  await expect(signup).toBeVisible();
  await expect(signup.getByRole("heading", { level: 1 })).toHaveText(
    "Connect your WhatsApp Business account",
  );
  await expect(signup.getByTestId("sandbox-finish")).toBeEnabled();
  await window.screenshot({ path: info.outputPath(`widgets-sandbox-signup-${dbKind}.png`) });
  const closed = window.waitForEvent("close");
  await signup.getByTestId("sandbox-cancel").evaluate((b: HTMLElement) => {
    setTimeout(() => b.click(), 0);
  });
  await closed;
  await expect(page.getByTestId("signup-cancelled")).toBeVisible();

  // The connect wizard's tabs: arrow keys move between them and show their panel.
  const wizard = page.getByTestId("connect-wizard");
  const facebook = wizard.getByRole("tab", { name: "Facebook signup" });
  await expect(facebook).toHaveAttribute("aria-selected", "true");
  await facebook.focus();
  await page.keyboard.press("ArrowRight");
  const manual = wizard.getByRole("tab", { name: "Enter details manually" });
  await expect(manual).toBeFocused();
  await expect(manual).toHaveAttribute("aria-selected", "true");
  await expect(wizard.getByRole("tabpanel", { name: "Enter details manually" })).toContainText(
    "Access token",
  );
  await wizard.screenshot({ path: info.outputPath(`widgets-connect-wizard-${dbKind}.png`) });

  // A bot setting is a switch named by its label; Space turns it off and on.
  await page.goto(`/${slug}/bot`);
  const answer = page.getByRole("switch", { name: /Answer customers automatically/ });
  await expect(answer).toBeChecked();
  await answer.focus();
  await page.keyboard.press("Space");
  await expect(answer).not.toBeChecked();
  await expect(answer).toHaveAccessibleName(/\(off\)/);
  await page.keyboard.press("Space");
  await expect(answer).toBeChecked();
  await page
    .locator("section")
    .filter({ has: answer })
    .screenshot({ path: info.outputPath(`widgets-switch-${dbKind}.png`) });

  // A destructive action asks in an alert dialog: Esc keeps the key, the button revokes it.
  await page.goto(`/${slug}/settings/api-keys`);
  await page.getByTestId("api-key-name").fill("Keyboard check");
  await page.getByTestId("api-key-create").click();
  await page.getByTestId("api-key-done").click();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await page.getByTestId("api-key-revoke").click();
  const ask = page.getByRole("alertdialog", { name: /Revoke “Keyboard check”\?/ });
  await expect(ask).toBeVisible();
  // The safe choice has the focus.
  await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.screenshot({
    path: info.outputPath(`widgets-alert-dialog-${dbKind}.png`),
    animations: "disabled",
  });
  await page.keyboard.press("Escape");
  await expect(ask).toHaveCount(0);
  await expect(page.getByTestId("api-key-revoke")).toBeFocused();
  await expect(page.getByTestId("api-key-row")).toHaveAttribute("data-state", "active");
  await page.getByTestId("api-key-revoke").click();
  await ask.getByTestId("api-key-revoke-confirm").click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByTestId("api-key-row")).toHaveAttribute("data-state", "revoked");
});
