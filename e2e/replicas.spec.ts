import { runCrashScenario } from "@/lib/testing/crash-scenario";
import { expect, test } from "./fixtures";
import { e2ePort } from "./ports";

// Scale-out: two production servers on one PostgreSQL, each running its own jobs, take turns
// receiving every conversation's messages (as a load balancer spreads them). Each message is
// answered once, and each customer gets the answers in the order they asked.
test("two servers answer every message once, in each customer's order", async ({ dbKind }) => {
  test.skip(dbKind !== "postgres", "needs PostgreSQL: an embedded database is not shared");
  test.setTimeout(240_000);
  const adminUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("no PostgreSQL to run against");
  const r = await runCrashScenario({
    adminUrl,
    port: e2ePort(3340),
    conversations: 10,
    perConversation: 8,
    kills: 0,
    everyMs: 25,
    reconcileSeconds: 5,
    replicas: 2,
  });
  expect(r.stored).toBe(r.messages);
  expect(r.waiting).toBe(0);
  expect(r.lost).toBe(0);
  expect(r.duplicated).toBe(0);
  expect(r.outOfOrder).toBe(0);
  expect(r.flagged).toBe(0);
});
