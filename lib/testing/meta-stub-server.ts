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
//   RATE_PER_SECOND a number's throughput (a bucket of that many sends, refilled at that rate per
//                   second): sends over it are refused with 130429, as Meta refuses them (unset:
//                   no limit)
// Sends go to /{phone-number-id}/messages or, for marketing templates, /marketing_messages.
// GET /stub/sends lists every accepted send: { wamid, phoneNumberId, to, text, template,
// endpoint, callbackData, at }, and how many were refused over the rate.

type Send = {
  wamid: string;
  phoneNumberId: string;
  to: string;
  text: string | null;
  template: string | null;
  endpoint: string;
  callbackData: string | null;
  at: number;
};

const port = Number(process.env.PORT ?? 3399);
const appSecret = process.env.APP_SECRET ?? "";
const webhookUrl = process.env.WEBHOOK_URL ?? "";
const sendDelayMs = Number(process.env.SEND_DELAY_MS ?? 0);
const ratePerSecond = Number(process.env.RATE_PER_SECOND ?? 0);
const sends: Send[] = [];
let pendingWebhooks = 0;
let refused = 0;
// Each number's allowance: up to a second's worth of sends at once, refilled continuously.
const buckets = new Map<string, { tokens: number; at: number }>();

function overRate(phoneNumberId: string): boolean {
  if (ratePerSecond <= 0) return false;
  const now = Date.now();
  const b = buckets.get(phoneNumberId) ?? { tokens: ratePerSecond, at: now };
  b.tokens = Math.min(ratePerSecond, b.tokens + ((now - b.at) * ratePerSecond) / 1000);
  b.at = now;
  buckets.set(phoneNumberId, b);
  if (b.tokens < 1) return true;
  b.tokens -= 1;
  return false;
}

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
    return json(200, { sends, pendingWebhooks, refused });
  }
  const match = /^\/v[\d.]+\/(\d+)\/(messages|marketing_messages)$/.exec(url.pathname);
  if (req.method !== "POST" || !match) {
    return json(400, { error: { code: 100, message: `Unsupported request ${url.pathname}` } });
  }
  const body = await readJson(req);
  if (body.status === "read") return json(200, { success: true });
  if (overRate(match[1] ?? "")) {
    refused++;
    return json(400, {
      error: {
        code: 130429,
        message: "Rate limit hit",
        type: "OAuthException",
        fbtrace_id: "stub",
      },
    });
  }
  if (sendDelayMs > 0) await sleep(sendDelayMs);
  const send: Send = {
    wamid: `wamid.STUB${randomBytes(12).toString("hex").toUpperCase()}`,
    phoneNumberId: match[1] ?? "",
    to: String(body.to ?? ""),
    text: (body.text as { body?: string } | undefined)?.body ?? null,
    template: (body.template as { name?: string } | undefined)?.name ?? null,
    endpoint: match[2] ?? "messages",
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
