import { runCrashScenario } from "@/lib/testing/crash-scenario";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";

// Exactly once through real crashes: the production server on PostgreSQL is killed with SIGKILL
// twice while customers write and replies go out, and restarted at once; Meta is a separate process
// that keeps delivering messages and status webhooks until the server takes them.
test("every customer message is answered once through kill -9 of the server", async ({
  dbKind,
}) => {
  test.skip(dbKind !== "postgres", "needs PostgreSQL: an embedded database is not shared");
  test.setTimeout(240_000);
  const adminUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("no PostgreSQL to run against");
  const r = await runCrashScenario({
    adminUrl,
    port: e2ePort(3330),
    conversations: 10,
    perConversation: 10,
    kills: 2,
    everyMs: 60,
    reconcileSeconds: 5,
  });
  expect(r.kills).toBe(2);
  expect(r.stored).toBe(r.messages);
  expect(r.waiting).toBe(0);
  expect(r.lost).toBe(0);
  expect(r.duplicated).toBe(0);
  expect(r.flagged).toBeLessThanOrEqual(r.messages / 100);
});
