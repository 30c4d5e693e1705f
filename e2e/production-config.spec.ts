import { spawn } from "node:child_process";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";

// A production server without Meta's app secret would check webhooks against the sandbox's public
// one: anyone could forge customer messages. The production build refuses to start that way.
test("the production build refuses to start without META_APP_SECRET unless SANDBOX=1", async ({
  dbKind,
}) => {
  test.skip(dbKind !== "pglite", "runs once");
  const port = String(e2ePort(3104));
  const child = spawn("npx", ["next", "start", "-p", port], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/parley_never_opened",
      AUTH_SECRET: "p".repeat(40),
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      META_APP_SECRET: "",
      SANDBOX: "",
      PORT: port,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      resolve(null);
    }, 60_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, output).toBe(1);
  expect(output).toContain("META_APP_SECRET: required in production");
  expect(output).toContain("SANDBOX=1");
});
