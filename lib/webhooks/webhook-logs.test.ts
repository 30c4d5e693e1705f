import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { inlineRunner } from "@/inngest/dispatch";
import { captureLogs } from "@/lib/log";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, TEST_ACCESS_TOKEN } from "@/lib/testing/fixtures";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { signPayload } from "@/lib/whatsapp/signature";
import { receiveWebhook } from "./handle-webhook";

const SECRET = "test-app-secret";
const CUSTOMER_TEXT = "Please deliver Order 4471 to 12 Baobab Lane, my card ends 9921";
const CUSTOMER_EMAIL = "amina.customer@example.test";

describe.each(testDatabaseKinds)("webhook logs on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    shop = await seedWorkspace(handle.db, "Log Shop");
    await upsertBotSettings(handle.db, { workspaceId: shop.workspaceId, enabled: false });
  });
  afterAll(async () => {
    await handle.close();
  });
  afterEach(async () => {
    await handle.db.execute(
      sql`alter table messages drop constraint if exists test_refuses_order_text`,
    );
    await handle.db.execute(sql`drop trigger if exists test_outage on messages`);
  });

  async function post(phones: string[], requestId?: string) {
    const body = envelope({
      wabaId: "1",
      changes: [
        messagesChange(shop.phoneNumberId, {
          contacts: phones.map((phone) => contact({ phone, name: CUSTOMER_EMAIL })),
          messages: phones.map((phone) =>
            inbound({ phone }, "text", { text: { body: `${CUSTOMER_TEXT} (${CUSTOMER_EMAIL})` } }),
          ),
        }),
      ],
    });
    const raw = JSON.stringify(body);
    const logs = captureLogs();
    try {
      const res = await receiveWebhook(
        new Request("http://localhost/api/webhooks/whatsapp", {
          method: "POST",
          body: raw,
          headers: {
            "content-type": "application/json",
            "x-hub-signature-256": signPayload(raw, SECRET),
            ...(requestId && { "x-request-id": requestId }),
          },
        }),
        { db: async () => handle.db, appSecret: SECRET, schedule: (task) => task() },
      );
      await inlineRunner().idle();
      return { status: res.status, lines: logs.lines, raw };
    } finally {
      logs.restore();
    }
  }

  function expectSafe(lines: string[], raw: string) {
    const all = lines.join("\n");
    for (const secret of [
      "Order 4471",
      "Baobab",
      CUSTOMER_EMAIL,
      TEST_ACCESS_TOKEN,
      SECRET,
      raw.slice(0, 60),
    ]) {
      expect(all).not.toContain(secret);
    }
    // Nothing near the 7 MB line of old: a summary is short.
    for (const line of lines) expect(line.length).toBeLessThan(4_000);
  }

  // A storage outage on the message's insert, as PostgreSQL reports one: its detail names the row.
  // drizzle's error also carries the query's parameters: the text and the raw payload.
  const outage = [
    sql.raw(`create or replace function test_outage() returns trigger language plpgsql as $$
      begin
        if new.text like '%Order 4471%' then
          raise exception 'storage unavailable' using errcode = '57P03', detail = 'row: ' || new.text;
        end if;
        return new;
      end $$`),
    sql.raw(
      "create trigger test_outage before insert on messages for each row execute function test_outage()",
    ),
  ];
  // A row PostgreSQL refuses: reported as an unreadable item, the rest of the delivery kept.
  const refusal = [
    sql.raw(
      "alter table messages add constraint test_refuses_order_text check (text is null or text not like '%Order 4471%') not valid",
    ),
  ];

  it.each([
    ["an outage", "one message (the single-statement path)", ["254700001001"], outage, 503],
    [
      "an outage",
      "several messages (the batch path)",
      ["254700001002", "254700001003"],
      outage,
      503,
    ],
    ["a refused row", "one message", ["254700001005"], refusal, 200],
    ["a refused row", "several messages", ["254700001006", "254700001007"], refusal, 200],
  ])(
    "%s while storing %s is logged without the customer's text, payload or tokens",
    async (_kind, _what, phones, setup, expected) => {
      for (const statement of setup) await handle.db.execute(statement);
      const { status, lines, raw } = await post(phones, "req-7f3a9c");
      expect(status).toBe(expected);
      expect(lines.length).toBeGreaterThan(0);
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const entry of entries) expect(entry.requestId).toBe("req-7f3a9c");
      if (expected === 503) {
        const failure = entries.find((e) => e.level === "error");
        expect(failure?.msg).toMatch(/could not be stored/);
        expect(JSON.stringify(failure?.err)).toContain("57P03");
      } else {
        expect(entries.find((e) => e.level === "warn")).toMatchObject({ skipped: phones.length });
      }
      expectSafe(lines, raw);
    },
  );

  it("logs one summary line per delivery, with a generated request id when none came", async () => {
    const { status, lines, raw } = await post(["254700001004"]);
    expect(status).toBe(200);
    const summaries = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.msg === "Webhook delivery");
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ level: "info", stored: 1, duplicates: 0 });
    expect(summaries[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expectSafe(lines, raw);
  });
});
