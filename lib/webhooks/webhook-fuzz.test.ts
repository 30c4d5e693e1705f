import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { messages, webhookDeliveries } from "@/db/schema";
import { inlineRunner } from "@/inngest/dispatch";
import { createTestDatabase } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { signPayload } from "@/lib/whatsapp/signature";
import { receiveWebhook } from "./handle-webhook";

const SECRET = "fuzz-secret";

// Whatever correctly signed JSON arrives, the webhook answers below 500 and never throws:
// a 5xx would make Meta redeliver the same poison payload for a week.
describe("webhook fuzzing", () => {
  let handle: DatabaseHandle;
  let phoneNumberId: string;

  beforeAll(async () => {
    handle = await createTestDatabase("pglite");
    provideDatabase(handle);
    phoneNumberId = (await seedWorkspace(handle.db)).phoneNumberId;
  });
  afterAll(() => handle.close());

  async function send(body: unknown) {
    const raw = JSON.stringify(body) ?? "null";
    const req = new Request("http://localhost/api/webhooks/whatsapp", {
      method: "POST",
      body: raw,
      headers: { "x-hub-signature-256": signPayload(raw, SECRET) },
    });
    const res = await receiveWebhook(req, {
      db: async () => handle.db,
      appSecret: SECRET,
      schedule: (t) => t(),
    });
    await inlineRunner().idle();
    return res.status;
  }

  const scalar = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const loose = fc.oneof(
    scalar,
    fc.array(scalar),
    fc.dictionary(fc.string(), scalar),
    fc.jsonValue(),
  );
  // Payloads shaped like Meta's, with every field free to be wrong.
  const message = fc.record(
    {
      id: fc.oneof(fc.string(), loose),
      from: fc.oneof(fc.stringMatching(/^\d{6,15}$/), loose),
      from_user_id: fc.oneof(fc.string(), loose),
      timestamp: fc.oneof(
        fc.integer({ min: 0, max: 2 ** 31 }).map(String),
        fc.double(),
        fc.bigInt().map(String),
        loose,
      ),
      type: fc.oneof(
        fc.constantFrom("text", "image", "reaction", "interactive", "system", "edit", "x"),
        loose,
      ),
      text: fc.oneof(fc.record({ body: fc.string() }), loose),
      reaction: fc.oneof(fc.record({ message_id: fc.string(), emoji: fc.string() }), loose),
      interactive: loose,
      context: loose,
    },
    { requiredKeys: [] },
  );
  const status = fc.record(
    {
      id: fc.string(),
      status: fc.oneof(fc.constantFrom("sent", "delivered", "read", "failed"), loose),
      timestamp: loose,
      errors: loose,
    },
    { requiredKeys: [] },
  );
  const change = fc.oneof(
    fc.record({
      field: fc.constant("messages"),
      value: fc.record(
        {
          metadata: fc.oneof(
            fc.record({ phone_number_id: fc.oneof(fc.constant("PHONE"), fc.string()) }),
            loose,
          ),
          contacts: fc.oneof(
            fc.array(
              fc.record({ wa_id: loose, user_id: loose, profile: loose }, { requiredKeys: [] }),
            ),
            loose,
          ),
          messages: fc.oneof(fc.array(message, { maxLength: 4 }), loose),
          statuses: fc.oneof(fc.array(status, { maxLength: 3 }), loose),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({ field: fc.string(), value: loose }),
    loose,
  );
  const envelope = fc.record({
    object: fc.oneof(fc.constant("whatsapp_business_account"), loose),
    entry: fc.array(
      fc.record(
        { id: loose, changes: fc.oneof(fc.array(change, { maxLength: 3 }), loose) },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
  });

  it("stores text with characters PostgreSQL cannot hold (NUL), rather than failing forever", async () => {
    const body = {
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: phoneNumberId },
                contacts: [{ wa_id: "254700000300", profile: { name: "Nul\u0000Name" } }],
                messages: [
                  {
                    from: "254700000300",
                    id: "wamid.nul",
                    timestamp: "1763600000",
                    type: "text",
                    text: { body: "a\u0000b" },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(await send(body)).toBe(200);
    const [row] = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.waMessageId, "wamid.nul"));
    expect(row?.text).toBe("a\uFFFDb");
  });

  it("never answers 5xx to random JSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        expect(await send(body)).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it("never answers 5xx to payloads shaped like Meta's but wrong anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(envelope, async (body) => {
        const withPhone = JSON.parse(
          JSON.stringify(body).replaceAll('"PHONE"', JSON.stringify(phoneNumberId)),
        );
        expect(await send(withPhone)).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    // The property must reach storage, not only the parser's refusals.
    expect(await handle.db.$count(webhookDeliveries)).toBeGreaterThan(100);
  });
});
