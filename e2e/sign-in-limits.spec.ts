import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";
import { PASSWORD, signUp } from "./session";

// A server of its own, started the way an operator would without a proxy (TRUST_PROXY unset),
// on a fresh database, so its sign-in limits see nobody else's attempts.
const port = e2ePort(3117);
const base = `http://localhost:${port}`;
let server: ChildProcess | undefined;

test.beforeAll(async ({ dbKind }) => {
  if (dbKind !== "pglite") return;
  server = spawn("npx", ["next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: `.test-data/e2e-sign-in-limits-${Date.now()}`,
      TRUST_PROXY: "",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
    },
    stdio: "ignore",
    detached: true,
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error("the sign-in limits server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

type Answer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** One HTTP request from a chosen loopback address (Linux routes all of 127/8 to this machine). */
function send(
  from: string,
  p: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        localAddress: from,
        method: p.method,
        path: p.path,
        headers: p.headers,
      },
      (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(p.body);
  });
}

/** A script signing in through next-auth's credentials route, as an attacker would. */
async function scriptedClient(from: string) {
  const csrf = await send(from, { method: "GET", path: "/api/auth/csrf" });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = [csrf.headers["set-cookie"] ?? []]
    .flat()
    .map((c) => c.split(";")[0])
    .join("; ");
  return (email: string, password: string, headers: Record<string, string> = {}) =>
    send(from, {
      method: "POST",
      path: "/api/auth/callback/credentials",
      headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/app" }).toString(),
    });
}

const spoofed = (i: number) => ({ "x-forwarded-for": `203.0.${i}.${(i * 7) % 250}` });

test("a new X-Forwarded-For on every try does not get past the per-address limit", async ({
  dbKind,
}) => {
  test.skip(dbKind !== "pglite", "runs once, on a server of its own");
  test.setTimeout(180_000);
  const attacker = await scriptedClient("127.0.0.4");
  let refused: Answer | undefined;
  let tries = 0;
  // One address, many accounts, a different claimed address each time: 20 failures are free,
  // then the address waits 1 s, 2 s, 4 s … and a script cannot keep up for long.
  while (!refused && tries < 40) {
    tries += 1;
    const answer = await attacker(`nobody${tries}@example.com`, "a guess", spoofed(tries));
    if (answer.status === 429) refused = answer;
    else expect(answer.headers.location).toContain("code=invalid_credentials");
  }
  expect(refused, "no try was refused").toBeDefined();
  expect(tries).toBeGreaterThan(20);
  expect(tries).toBeLessThanOrEqual(32);
  const retryAfter = Number(refused?.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(refused?.body ?? "{}")).toEqual({
    error: {
      code: "rate_limited",
      message: expect.stringMatching(
        /^Too many sign-in attempts\. Try again in \d+ (second|seconds|minutes)\.$/,
      ),
    },
  });
  // The wait belongs to the connection's address, not to any it claimed: another one is let in.
  const neighbour = await scriptedClient("127.0.0.5");
  const answer = await neighbour("nobody-else@example.com", "a guess", spoofed(99));
  expect(answer.status).toBe(302);
  expect(answer.headers.location).toContain("code=invalid_credentials");
});

test("wrong passwords from a stranger make the owner wait, then the owner signs in", async ({
  page,
  dbKind,
}) => {
  test.skip(dbKind !== "pglite", "runs once, on a server of its own");
  test.setTimeout(180_000);
  const email = `owner-${Date.now()}@example.com`;
  await page.goto(`${base}/sign-up`);
  await signUp(page, { name: "Owner", email, business: "Limits Shop" });
  await expect(page).toHaveURL(/\/whatsapp$/, { timeout: 30_000 });
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // Seven wrong passwords from elsewhere, each as soon as the account allows one: the owner's
  // next try waits 8 s (three free, then 1, 2, 4, 8 s). Before, five meant a lockout.
  const stranger = await scriptedClient("127.0.0.3");
  for (let failures = 0; failures < 7; ) {
    const answer = await stranger(email, "a guess", spoofed(failures));
    if (answer.status === 429) {
      await new Promise((r) => setTimeout(r, Number(answer.headers["retry-after"]) * 1000));
    } else {
      expect(answer.headers.location).toContain("code=invalid_credentials");
      failures += 1;
    }
  }

  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  const error = page.getByTestId("auth-error");
  await expect(error).toHaveText(/^Too many attempts\. Try again in \d+ seconds?\.$/);
  await page.screenshot({ path: ".test-data/playwright/sign-in-wait.png" });
  const seconds = Number((await error.textContent())?.match(/\d+/)?.[0]);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(8);

  await page.waitForTimeout(seconds * 1000);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/limits-shop(-\d+)?$/, { timeout: 30_000 });
});
