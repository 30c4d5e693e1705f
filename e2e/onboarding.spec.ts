import { expect, test } from "./fixtures";
import { PASSWORD, runSignup, SANDBOX_APP, signUp, signUpOwner, uniqueEmail } from "./session";

test("a new owner signs up, connects a number through the signup, and sees a customer's message stored", async ({
  page,
  dbKind,
}, info) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Create your account" }).click();
  await signUp(page, {
    name: "Amina Otieno",
    email: uniqueEmail("owner", dbKind),
    business: "Kassangas Music Shop",
  });
  await expect(page).toHaveURL(/\/kassangas-music-shop(-\d+)?\/whatsapp$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/")[1] ?? "";

  // Closing the window, and Meta reporting a problem, each say so and change nothing.
  await runSignup(page, "sandbox-cancel");
  await expect(page.getByTestId("signup-cancelled")).toContainText("Nothing was changed");
  await runSignup(page, "sandbox-report-problem");
  await expect(page.getByTestId("signup-error")).toContainText("Facebook reported a problem");
  await expect(page.getByTestId("channel-card")).toHaveCount(0);

  // Manual details are checked against the Graph API before anything is stored.
  await page.getByTestId("manual-tab").click();
  await page.getByTestId("manual-access-token").fill("EAAG-not-a-token-anyone-issued-0000");
  await page.getByTestId("manual-phone-number-id").fill("123456789012345");
  await page.getByTestId("manual-waba-id").fill("223456789012345");
  await page.getByTestId("manual-submit").click();
  await expect(page.getByTestId("manual-access-token-error")).toBeVisible();
  await page.getByTestId("tab-facebook").click();

  await runSignup(page, "sandbox-finish");
  const steps = page.getByTestId("signup-steps");
  for (const step of ["exchange", "token", "subscribe", "register", "details"]) {
    await expect(steps.getByTestId(`signup-step-${step}`)).toHaveAttribute("data-status", "ok", {
      timeout: 30_000,
    });
  }
  await expect(page.getByTestId("signup-connected")).toContainText("Kassangas Music Shop");
  await page.reload();
  await expect(page.getByTestId("channel-status")).toHaveText("Connected");
  await expect(page.getByTestId("verify-token")).not.toHaveValue("");
  const phoneNumberId = (await page.getByTestId("channel-phone-number-id").textContent())?.trim();
  expect(phoneNumberId).toMatch(/^\d{15}$/);
  await page.screenshot({ path: info.outputPath("connected.png"), fullPage: true });

  // A customer writes from the simulated phone; the workspace's bot answers on the new number.
  const phone = await page.context().newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId ?? "");
  await phone.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  await phone.getByLabel("Your name").fill("Achieng");
  await phone.getByLabel("Message").fill("Hello, do you sell guitar strings?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(
    phone.getByTestId("thread").locator('[data-direction="to_customer"]').first(),
  ).toBeVisible({ timeout: 20_000 });
  await phone.close();

  await page.goto(`/${slug}`);
  await expect(page.getByTestId("recent-conversation").first()).toContainText("Achieng");

  // The same message through the public API, with a key made in the app.
  await page.goto(`/${slug}/settings/api-keys`);
  await page.getByTestId("api-key-name").fill("End-to-end check");
  await page.getByTestId("api-key-create").click();
  const key = await page.getByTestId("api-key-secret").inputValue();
  expect(key).toMatch(/^prl_/);
  const res = await page.request.get("/api/v1/conversations", {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { id: string; contact: { name: string } }[] };
  expect(body.data.map((c) => c.contact.name)).toEqual(["Achieng"]);
  const thread = await page.request.get(`/api/v1/conversations/${body.data[0]?.id}/messages`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const messages = (await thread.json()) as { data: { direction: string; text: string }[] };
  expect(messages.data[0]).toMatchObject({
    direction: "inbound",
    text: "Hello, do you sell guitar strings?",
  });

  // A read-only key reads, and is refused where it would change something.
  await page.getByTestId("api-key-done").click();
  await page.getByTestId("api-key-name").fill("Dashboard");
  await page.getByTestId("api-key-access").selectOption("read");
  await page.getByTestId("api-key-create").click();
  const readOnly = await page.getByTestId("api-key-secret").inputValue();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Dashboard" })).toContainText(
    "Read only",
  );
  const refused = await page.request.post("/api/v1/faqs", {
    headers: { authorization: `Bearer ${readOnly}` },
    data: { question: "Is this allowed?", answer: "No." },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
});

test("a number connected by hand that WhatsApp has not registered is shown as such, registered from the page, and then answers", async ({
  page,
  dbKind,
}, info) => {
  await signUpOwner(page, { dbKind, business: "Makena Hardware" });

  // At "Meta": a number added in WhatsApp Manager but never registered for the Cloud API, and a
  // business token for it, as its owner would copy them from Meta's pages.
  const signup = await page.request.post("/sandbox/api/signup", {
    data: {
      businessName: "Makena Hardware Ltd",
      verifiedName: "Makena Hardware",
      withNumber: true,
    },
  });
  expect(signup.status()).toBe(200);
  const number = (await signup.json()) as { code: string; wabaId: string; phoneNumberId: string };
  const exchanged = await page.request.post("/sandbox/graph/v25.0/oauth/access_token", {
    form: { client_id: SANDBOX_APP.id, client_secret: SANDBOX_APP.secret, code: number.code },
  });
  const { access_token: accessToken } = (await exchanged.json()) as { access_token: string };

  await page.getByTestId("manual-tab").click();
  await page.getByTestId("manual-access-token").fill(accessToken);
  await page.getByTestId("manual-phone-number-id").fill(number.phoneNumberId);
  await page.getByTestId("manual-waba-id").fill(number.wabaId);
  await page.getByTestId("manual-submit").click();
  const summary = page.getByTestId("signup-connected");
  await expect(summary).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
  await expect(summary).toContainText("not registered with WhatsApp Cloud API yet");

  const card = page.getByTestId("channel-card");
  await expect(page.getByTestId("channel-status")).toHaveText("Not registered");
  await expect(card.getByTestId("channel-status-reason")).toContainText(
    "Not registered with WhatsApp Cloud API yet — replies can't be sent.",
  );
  await page.screenshot({ path: info.outputPath("manual-unregistered.png"), fullPage: true });

  // A PIN that is not 6 digits is refused before WhatsApp is asked; empty lets Parley make one.
  await card.getByTestId("register-pin").fill("12");
  await card.getByTestId("register-submit").click();
  await expect(card.getByRole("alert")).toContainText("exactly 6 digits");
  await card.getByTestId("register-pin").fill("");
  await card.getByTestId("register-submit").click();
  await expect(page.getByTestId("channel-status")).toHaveText("Connected", { timeout: 30_000 });
  await expect(page.getByTestId("register-number")).toHaveCount(0);
  await expect(page.getByTestId("channel-status-reason")).toHaveCount(0);
  // What the connect form said a moment ago follows: no stale "not registered" left behind.
  await expect(summary).toHaveAttribute("data-status", "connected");
  await expect(summary).toContainText("Your number is connected");
  await expect(page.getByTestId("signup-steps")).toHaveCount(0);
  await page.screenshot({ path: info.outputPath("manual-registered.png"), fullPage: true });

  // Registered: a customer's message now gets the bot's answer on this number.
  const phone = await page.context().newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(number.phoneNumberId);
  await phone.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  await phone.getByLabel("Your name").fill("Otieno");
  await phone.getByLabel("Message").fill("Do you sell nails?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(
    phone.getByTestId("thread").locator('[data-direction="to_customer"]').first(),
  ).toBeVisible({ timeout: 20_000 });
  await phone.close();
});

test("an invited agent works in the workspace but is refused its settings", async ({
  page,
  browser,
  dbKind,
}, info) => {
  await page.goto("/sign-up");
  await signUp(page, {
    name: "Owner",
    email: uniqueEmail("owner", dbKind),
    business: "Agent Test Shop",
  });
  await expect(page).toHaveURL(/\/whatsapp$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/")[1] ?? "";
  await page.goto(`/${slug}/settings/members`);
  const agentEmail = uniqueEmail("agent", dbKind);
  await page.getByTestId("invite-email").fill(agentEmail);
  await page.getByTestId("invite-role").selectOption("agent");
  await page.getByTestId("invite-submit").click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toContain("/invite/");

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(new URL(link).pathname);
  await agent.getByTestId("invite-sign-up").click();
  await expect(agent.getByLabel("Business name")).toHaveCount(0);
  await signUp(agent, { name: "Juma Agent", email: agentEmail });
  await agent.getByTestId("invite-accept").click();
  await expect(agent).toHaveURL(new RegExp(`/${slug}$`), { timeout: 30_000 });
  const nav = agent.getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "WhatsApp" })).toHaveCount(0);

  for (const path of [
    "settings",
    "settings/members",
    "settings/api-keys",
    "whatsapp",
    "bot",
    "faqs",
    "try",
  ]) {
    const response = await agent.goto(`/${slug}/${path}`);
    expect(response?.status(), path).toBe(403);
    await expect(agent.getByTestId("forbidden")).toBeVisible();
  }
  await agent.screenshot({ path: info.outputPath("agent-forbidden.png"), fullPage: true });
  await agentContext.close();

  // The owner sees the agent as a member.
  await page.reload();
  await expect(page.getByTestId(`member-row-${agentEmail}`)).toContainText("Juma Agent");
});

test("sign-in refuses a wrong password without saying whether the e-mail exists", async ({
  page,
  dbKind,
}) => {
  const email = uniqueEmail("signin", dbKind);
  await page.goto("/sign-up");
  await signUp(page, { name: "Kim", email, business: "Sign-in Shop" });
  await expect(page).toHaveURL(/\/whatsapp$/, { timeout: 30_000 });
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  for (const address of [email, uniqueEmail("nobody", dbKind)]) {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(address);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByTestId("sign-in-submit").click();
    await expect(page.getByTestId("auth-error")).toHaveText(
      "The e-mail or password is not correct.",
    );
  }
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/sign-in-shop(-\d+)?$/, { timeout: 30_000 });
});
