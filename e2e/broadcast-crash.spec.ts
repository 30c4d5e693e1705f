import { runBroadcastScenario } from "@/lib/testing/broadcast-scenario";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";

// A broadcast to 1,000 contacts through real crashes: the production server on PostgreSQL is
// killed with SIGKILL twice while it sends and restarted at once; Meta is a separate process that
// keeps delivering status webhooks until the server takes them. Every contact gets it once.
test("a broadcast to 1,000 contacts reaches each exactly once through kill -9 of the server", async ({
  dbKind,
}) => {
  test.skip(dbKind !== "postgres", "needs PostgreSQL: an embedded database is not shared");
  test.setTimeout(300_000);
  const adminUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("no PostgreSQL to run against");
  const r = await runBroadcastScenario({
    adminUrl,
    port: e2ePort(3340),
    contacts: 1000,
    kills: 2,
    ratePerSecond: 80,
    sendDelayMs: 100,
    reconcileSeconds: 5,
  });
  expect(r.kills).toBe(2);
  expect(r.status).toBe("completed");
  expect(r.lost).toBe(0);
  expect(r.duplicated).toBe(0);
  expect(r.sends).toBe(1000);
});
