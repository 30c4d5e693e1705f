import { createHmac, randomBytes } from "node:crypto";
import { expect, freshPhoneNumberId, test } from "./fixtures";

// The servers under test run without META_APP_SECRET, so they verify with the sandbox's secret,
// as the built-in simulated phone does.
const SANDBOX_SECRET = "parley-sandbox-app-secret";
const sign = (raw: string) =>
  `sha256=${createHmac("sha256", SANDBOX_SECRET).update(raw).digest("hex")}`;

test("a customer message delivered by Meta is stored once and readable through the API", async ({
  tenants,
  tempFile,
  request,
}) => {
  const phoneNumberId = freshPhoneNumberId();
  const imported = tenants([
    "import",
    tempFile({
      workspaces: [
        { name: "Webhook Shop", whatsapp: { phoneNumberId, verifyToken: "webhook-shop-verify" } },
      ],
    }),
  ]);
  expect(imported.status, imported.stderr).toBe(0);
  const apiKey =
    (JSON.parse(imported.stdout) as { workspaces: { apiKey: string }[] }).workspaces[0]?.apiKey ??
    "";

  const verify = await request.get(
    `/api/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=42424242&hub.verify_token=webhook-shop-verify`,
  );
  expect(verify.status()).toBe(200);
  expect(await verify.text()).toBe("42424242");

  const wamid = `wamid.${randomBytes(10).toString("hex")}`;
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "1",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550001111", phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: "Wanjiku" }, wa_id: "254712345678" }],
              messages: [
                {
                  from: "254712345678",
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: "text",
                  text: { body: "Habari! Are you open today? 😊" },
                },
              ],
            },
          },
        ],
      },
    ],
  }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

  const unsigned = await request.post("/api/webhooks/whatsapp", {
    data: raw,
    headers: { "content-type": "application/json" },
  });
  expect(unsigned.status()).toBe(401);

  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await request.post("/api/webhooks/whatsapp", {
      data: raw,
      headers: { "content-type": "application/json", "x-hub-signature-256": sign(raw) },
    });
    expect(res.status()).toBe(200);
  }

  const auth = { authorization: `Bearer ${apiKey}` };
  const list = await (await request.get("/api/v1/conversations", { headers: auth })).json();
  expect(list.data).toEqual([
    expect.objectContaining({ contact: { waId: "254712345678", name: "Wanjiku" }, status: "bot" }),
  ]);
  const thread = await (
    await request.get(`/api/v1/conversations/${list.data[0].id}/messages`, { headers: auth })
  ).json();
  expect(thread.data).toEqual([
    expect.objectContaining({
      direction: "inbound",
      type: "text",
      text: "Habari! Are you open today? 😊",
      waMessageId: wamid,
      status: "received",
    }),
  ]);
});
