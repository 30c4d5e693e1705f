import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { envelope, messagesChange, status } from "@/lib/testing/webhook-payloads";
import { signPayload } from "@/lib/whatsapp/signature";

// Meta, as a separate process for crash tests and benchmarks: the Graph API's message sends
// (accepting every send with a new wamid, optionally after a delay) and the status webhooks
// Meta sends back (sent, delivered, read), signed with the app secret, each retried until the
// app answers 200, as Meta retries. Run with `tsx lib/testing/meta-stub-server.ts`.
//   PORT            where to listen
//   APP_SECRET      signs the status webhooks
//   WEBHOOK_URL     the app's webhook
//   SEND_DELAY_MS   how long a send waits before Meta answers (a window to crash in)
// GET /stub/sends lists every accepted send: { wamid, phoneNumberId, to, text, callbackData }.

type Send = {
  wamid: string;
  phoneNumberId: string;
  to: string;
  text: string | null;
  callbackData: string | null;
  at: number;
};

const port = Number(process.env.PORT ?? 3399);
const appSecret = process.env.APP_SECRET ?? "";
const webhookUrl = process.env.WEBHOOK_URL ?? "";
const sendDelayMs = Number(process.env.SEND_DELAY_MS ?? 0);
const sends: Send[] = [];
let pendingWebhooks = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

/** Posts one status webhook until the app takes it (for up to ten minutes). */
async function deliverStatus(send: Send, state: "sent" | "delivered" | "read") {
  const body = JSON.stringify(
    envelope({
      wabaId: "1",
      changes: [
        messagesChange(send.phoneNumberId, {
          statuses: [
            {
              ...status(send.wamid, state),
              recipient_id: send.to.replace(/^\+/, ""),
              ...(send.callbackData && { biz_opaque_callback_data: send.callbackData }),
            },
          ],
        }),
      ],
    }),
  );
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signPayload(body, appSecret),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(500);
  }
}

async function afterSend(send: Send) {
  pendingWebhooks++;
  try {
    await sleep(50);
    for (const state of ["sent", "delivered", "read"] as const) await deliverStatus(send, state);
  } finally {
    pendingWebhooks--;
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (req.method === "GET" && url.pathname === "/stub/sends") {
    return json(200, { sends, pendingWebhooks });
  }
  const match = /^\/v[\d.]+\/(\d+)\/messages$/.exec(url.pathname);
  if (req.method !== "POST" || !match) {
    return json(400, { error: { code: 100, message: `Unsupported request ${url.pathname}` } });
  }
  const body = await readJson(req);
  if (body.status === "read") return json(200, { success: true });
  if (sendDelayMs > 0) await sleep(sendDelayMs);
  const send: Send = {
    wamid: `wamid.STUB${randomBytes(12).toString("hex").toUpperCase()}`,
    phoneNumberId: match[1] ?? "",
    to: String(body.to ?? ""),
    text: (body.text as { body?: string } | undefined)?.body ?? null,
    callbackData:
      typeof body.biz_opaque_callback_data === "string" ? body.biz_opaque_callback_data : null,
    at: Date.now(),
  };
  sends.push(send);
  json(200, {
    messaging_product: "whatsapp",
    contacts: [{ input: send.to, wa_id: send.to.replace(/^\+/, "") }],
    messages: [{ id: send.wamid }],
  });
  void afterSend(send);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`Meta stub listening on ${port}`);
});
