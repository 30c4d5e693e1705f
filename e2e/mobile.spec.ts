import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ask } from "./phone";
import { connectSandboxNumber, signUp, signUpOwner, uniqueEmail } from "./session";

// A phone held upright: every workspace page fits its width and every page is a tap away.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** Each page the owner's menu lists, and where it leads within the workspace. */
const MENU_LINKS: [string, string][] = [
  ["Overview", ""],
  ["Inbox", "/inbox"],
  ["Contacts", "/contacts"],
  ["WhatsApp", "/whatsapp"],
  ["Bot", "/bot"],
  ["FAQ", "/faqs"],
  ["Products", "/products"],
  ["Knowledge", "/knowledge"],
  ["Try it", "/try"],
  ["Templates", "/templates"],
  ["Broadcasts", "/broadcasts"],
  ["Analytics", "/analytics"],
  ["Settings", "/settings"],
];

/** Every visible control whose box reaches past the viewport's right (or left) edge. */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], [role="link"], [role="tab"], [role="combobox"], [role="checkbox"], [role="switch"]',
    );
    for (const el of controls) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = el.getBoundingClientRect();
      // Screen-reader-only text is a 1-pixel box; it is not something a finger can miss.
      if (box.width <= 1 || box.height <= 1) continue;
      if (box.right > width + 0.5 || box.left < -0.5) {
        const name =
          el.getAttribute("aria-label") ||
          el.getAttribute("data-testid") ||
          el.textContent?.trim().slice(0, 40) ||
          el.tagName;
        found.push(
          `${el.tagName.toLowerCase()} "${name}" spans ${Math.round(box.left)}–${Math.round(box.right)}px`,
        );
      }
    }
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
    }
    return found;
  });
}

test("on a 390-pixel phone every workspace page fits and the menu reaches every page", async ({
  page,
  context,
  browser,
  dbKind,
}, info) => {
  test.setTimeout(300_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Pocket Parley Outfitters" });
  const phoneNumberId = await connectSandboxNumber(page);

  // A customer writes, so the inbox has a thread and the contacts a contact.
  const stamp = String(Date.now()).slice(-7);
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await ask(phone, `25479${stamp}`, "hello from my phone");
  await phone.close();

  // A second member, so the members table has a Remove button.
  await page.goto(`/${slug}/settings/members`);
  const agentEmail = uniqueEmail("agent-mobile", dbKind);
  await page.getByTestId("invite-email").fill(agentEmail);
  await page.getByTestId("invite-submit").click();
  const link = await page.getByTestId("invite-link").inputValue();
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(new URL(link).pathname);
  await agent.getByTestId("invite-sign-up").click();
  await signUp(agent, { name: "Mobile Agent", email: agentEmail });
  await agent.getByTestId("invite-accept").click();
  await expect(agent).toHaveURL(new RegExp(`/${slug}$`), { timeout: 30_000 });
  await agentContext.close();

  // An API key, so its row and its Revoke button show.
  await page.goto(`/${slug}/settings/api-keys`);
  await page.getByTestId("api-key-name").fill("Phone check");
  await page.getByTestId("api-key-create").click();
  await page.getByTestId("api-key-done").click();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);

  // An FAQ, so the list and its row's buttons show.
  await page.goto(`/${slug}/faqs`);
  await page.getByTestId("faq-new").first().click();
  await page.getByTestId("faq-question").fill("What are your opening hours?");
  await page.getByTestId("faq-answer").fill("Every day from 8 to 18.");
  await page.getByTestId("faq-save").click();
  await expect(page.getByTestId("faq-row")).toHaveCount(1);

  await page.goto(`/${slug}/inbox`);
  await page.getByTestId("inbox-row").first().click();
  await expect(page).toHaveURL(/\/inbox\/[\w-]+$/);
  const thread = new URL(page.url()).pathname;
  await page.goto(`/${slug}/contacts`);
  await page.getByTestId("contact-open").first().click();
  await expect(page).toHaveURL(/\/contacts\/[\w-]+$/);
  const contact = new URL(page.url()).pathname;

  const pages: [string, string][] = [
    ["overview", `/${slug}`],
    ["inbox", `/${slug}/inbox`],
    ["inbox-thread", thread],
    ["inbox-new", `/${slug}/inbox/new`],
    ["contacts", `/${slug}/contacts`],
    ["contact", contact],
    ["whatsapp", `/${slug}/whatsapp`],
    ["bot", `/${slug}/bot`],
    ["faqs", `/${slug}/faqs`],
    ["products", `/${slug}/products`],
    ["knowledge", `/${slug}/knowledge`],
    ["try", `/${slug}/try`],
    ["templates", `/${slug}/templates`],
    ["broadcasts", `/${slug}/broadcasts`],
    ["broadcasts-new", `/${slug}/broadcasts/new`],
    ["analytics", `/${slug}/analytics`],
    ["settings", `/${slug}/settings`],
    ["settings-members", `/${slug}/settings/members`],
    ["settings-inbox", `/${slug}/settings/inbox`],
    ["settings-api-keys", `/${slug}/settings/api-keys`],
    ["settings-webhooks", `/${slug}/settings/webhooks`],
    ["account", "/account"],
  ];
  for (const [name, path] of pages) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await page.screenshot({
      path: info.outputPath(`mobile-${name}-${dbKind}.png`),
      fullPage: true,
    });
    expect.soft(await cutOff(page), `${name} (${path})`).toEqual([]);
  }

  // The menu lists every page, marks the one shown, and takes the owner to each.
  await page.goto(`/${slug}/inbox`);
  await expect(page.getByRole("navigation", { name: "Workspace" })).toBeHidden();
  const menuButton = page.getByRole("button", { name: "Menu" });
  await expect(menuButton).toBeVisible();
  await menuButton.click();
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
  // Measured where the sheet comes to rest, once it has slid in.
  await menu.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)),
  );
  await page.screenshot({ path: info.outputPath(`mobile-menu-${dbKind}.png`) });
  expect(await cutOff(page)).toEqual([]);
  for (const [label] of MENU_LINKS) {
    const item = menu.getByRole("link", { name: label, exact: true });
    await expect(item).toBeInViewport({ ratio: 1 });
  }
  await page.keyboard.press("Escape");
  for (const [label, path] of MENU_LINKS) {
    await menuButton.click();
    await menu.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}${path}$`));
    await expect(menu).toBeHidden();
    await menuButton.click();
    await expect(menu.getByRole("link", { name: label, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
  }
  // The account and sign-out are in the menu too.
  await menuButton.click();
  await expect(menu.getByRole("link", { name: "Account" })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("the phone menu works from the keyboard", async ({ page, dbKind }, info) => {
  const { slug } = await signUpOwner(page, { dbKind, business: "Keyboard Pocket Shop" });
  const menuButton = page.getByRole("button", { name: "Menu" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu).toBeVisible();
  // Focus moves into the menu; Escape closes it and gives the focus back.
  await expect(menu.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Tab walks the links; Enter follows one.
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  const faq = menu.getByRole("link", { name: "FAQ", exact: true });
  for (let i = 0; i < 20 && !(await faq.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(faq).toBeFocused();
  await page.screenshot({ path: info.outputPath(`mobile-menu-keyboard-${dbKind}.png`) });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${slug}/faqs$`));
  await expect(menu).toBeHidden();

  // An FAQ saved inactive: its Active checkbox is ticked off with Space.
  await page.getByTestId("faq-new").first().click();
  await page.getByTestId("faq-question").fill("Do you deliver?");
  await page.getByTestId("faq-answer").fill("Yes, within the city.");
  const active = page.getByTestId("faq-active");
  await expect(active).toBeChecked();
  await active.focus();
  await page.keyboard.press("Space");
  await expect(active).not.toBeChecked();
  await page.getByTestId("faq-save").click();
  await expect(page.getByTestId("faq-row")).toHaveAttribute("data-state", "inactive");

  // The FAQ sort is a select: Enter opens it, arrows move, Enter picks, and the address follows.
  const sort = page.getByTestId("faq-sort");
  await sort.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listbox")).toBeVisible();
  // The list opens on the current order; the next one down is picked.
  await expect(page.getByRole("option").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("option").nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listbox")).toBeHidden();
  await expect(page).toHaveURL(/sort=/);
  await expect(sort).toBeFocused();

  // The account's notification choices are checkboxes that Space ticks, and they are saved.
  await page.goto("/account");
  const sound = page.getByRole("checkbox", { name: "Play a sound" });
  const before = await sound.isChecked();
  await sound.focus();
  await page.keyboard.press("Space");
  await expect(sound).toBeChecked({ checked: !before });
  await page.getByTestId("notifications-save").click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Play a sound" })).toBeChecked({
    checked: !before,
  });
  await page.screenshot({ path: info.outputPath(`mobile-account-keyboard-${dbKind}.png`) });
});

test.describe("on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

  test("the bar of pages stays and the phone menu is gone", async ({ page, dbKind }, info) => {
    const { slug } = await signUpOwner(page, { dbKind, business: "Wide Screen Stores" });
    const nav = page.getByRole("navigation", { name: "Workspace" });
    for (const [label] of MENU_LINKS) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "WhatsApp" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByTestId("account-link")).toBeVisible();
    await expect(page.getByTestId("sign-out")).toBeVisible();

    // The workspace switcher is a menu: the current workspace is ticked, a new one is offered.
    await page.getByTestId("workspace-switcher").click();
    await expect(page.getByRole("menuitem", { name: "Wide Screen Stores" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.screenshot({ path: info.outputPath(`wide-header-${dbKind}.png`) });
    await page.getByRole("menuitem", { name: "New workspace…" }).click();
    await expect(page).toHaveURL(/\/app\/new$/);
    expect(slug).not.toBe("");
  });
});
