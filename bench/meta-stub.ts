import { randomBytes } from "node:crypto";
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { SAME_LANGUAGE, TRANSLATION_TASK } from "@/lib/ai/translate";
import { hashedEmbedding } from "@/lib/testing/hashed-embedding";
import { chatCompletion } from "@/lib/testing/openai-stub";
import { signPayload } from "@/lib/whatsapp/signature";
import { statusDelivery } from "./meta-payloads";

// Meta's Graph API and an OpenAI-compatible model, as a process of its own for the pipeline
// benchmark, so that what the benchmark measures is Parley and not the stand-in.
// Run with `node --import tsx bench/meta-stub.ts`; configured by environment:
//   STUB_PORT            where to listen (127.0.0.1)
//   STUB_APP_SECRET      signs the status webhooks (x-hub-signature-256), as Meta does
//   STUB_WEBHOOK_URL     the app's webhook, where status webhooks go
//   STUB_MODEL_DELAY_MS  how long a chat completion takes (default 800)
//   STUB_STATUSES        1 (default) or 0: whether each send brings back its status webhooks
//   STUB_TEMPLATES       JSON array: the message templates every WABA lists (default none)
//
// Graph: POST /{version}/{phone_number_id}/messages, bearer token required. A send is answered at
// once with a new wamid; then, unless switched off, three status webhooks (sent, delivered, read)
// go to the app, each its own signed delivery, retried as Meta retries, off the send's path.
// A mark-read (`"status":"read"`) answers `{"success":true}`.
// GET /{version}/{waba_id}/message_templates lists STUB_TEMPLATES in one page, as Meta does.
// Control: GET /__stub/sends?from=N (every send from the Nth, with its arrival time in epoch
// milliseconds, high resolution), GET /__stub/stats, POST /__stub/config {statuses, modelDelayMs}.
// Model: POST /v1/chat/completions (after the delay), POST /v1/embeddings (hashed, at once).

export type Send = {
  /** Arrival of the request, epoch milliseconds with sub-millisecond resolution. */
  at: number;
  wamid: string;
  phoneNumberId: string;
  to: string;
  type: string;
  text: string | null;
  callbackData: string | null;
  /** Whether its status webhooks were sent back (status posting was on). */
  statuses: boolean;
};

const port = Number(process.env.STUB_PORT ?? 0);
const appSecret = process.env.STUB_APP_SECRET ?? "";
const webhookUrl = new URL(process.env.STUB_WEBHOOK_URL ?? "http://127.0.0.1:3000");
const config = {
  statuses: process.env.STUB_STATUSES !== "0",
  modelDelayMs: Number(process.env.STUB_MODEL_DELAY_MS ?? 800),
};
const templates = JSON.parse(process.env.STUB_TEMPLATES ?? "[]") as unknown[];
if (!port || !appSecret) throw new Error("STUB_PORT and STUB_APP_SECRET are required");

const sends: Send[] = [];
const counts = {
  markReads: 0,
  typing: 0,
  rejected: 0,
  completions: 0,
  embeddings: 0,
  statusesPosted: 0,
  statusRetries: 0,
  statusesFailed: 0,
  statusesPending: 0,
  templateLists: 0,
};
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// Meta delivers webhooks concurrently, over a bounded number of connections.
const WEBHOOK_CONNECTIONS = 32;
const agent = new Agent({ keepAlive: true, maxSockets: WEBHOOK_CONNECTIONS });
// When each status follows the send (Meta's are seconds apart; short here, so runs settle soon).
const STATUS_STEPS = [
  { state: "sent", afterMs: 20 },
  { state: "delivered", afterMs: 150 },
  { state: "read", afterMs: 400 },
] as const;
const RETRY_MS = [250, 500, 1000, 2000, 4000];

function post(body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: webhookUrl.hostname,
        port: webhookUrl.port,
        path: `${webhookUrl.pathname}${webhookUrl.search}`,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-hub-signature-256": signPayload(body, appSecret),
          "user-agent": "facebookexternalua",
        },
        timeout: 20_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** The three status webhooks of one send, in order, each retried until the app answers 200. */
async function postStatuses(send: Send) {
  counts.statusesPending += STATUS_STEPS.length;
  for (const step of STATUS_STEPS) {
    await sleep(send.at + step.afterMs - now());
    const body = statusDelivery(send, step.state);
    let delivered = false;
    for (let attempt = 0; !delivered; attempt++) {
      const code = await post(body);
      delivered = code === 200;
      if (delivered) break;
      const wait = RETRY_MS[attempt];
      if (wait === undefined) break;
      counts.statusRetries++;
      await sleep(wait);
    }
    counts.statusesPending--;
    if (delivered) counts.statusesPosted++;
    else counts.statusesFailed++;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(res: ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

const graphError = (res: ServerResponse, code: number, error: Record<string, unknown>) =>
  json(res, code, {
    error: { ...error, fbtrace_id: randomBytes(9).toString("base64url") },
  });

function graphMessages(res: ServerResponse, phoneNumberId: string, at: number, raw: string) {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    counts.rejected++;
    return graphError(res, 400, {
      message: "(#100) Invalid parameter",
      type: "OAuthException",
      code: 100,
    });
  }
  if (body.messaging_product !== "whatsapp") {
    counts.rejected++;
    return graphError(res, 400, {
      message: "(#100) The parameter messaging_product is required.",
      type: "OAuthException",
      code: 100,
    });
  }
  if (body.status === "read") {
    if (typeof body.message_id !== "string") {
      counts.rejected++;
      return graphError(res, 400, {
        message: "(#100) The parameter message_id is required.",
        type: "OAuthException",
        code: 100,
      });
    }
    counts.markReads++;
    if (body.typing_indicator) counts.typing++;
    return json(res, 200, { success: true });
  }
  const to = typeof body.to === "string" ? body.to : "";
  const type = typeof body.type === "string" ? body.type : "text";
  const text = (body.text as { body?: unknown } | undefined)?.body;
  if (!to || (type === "text" && typeof text !== "string")) {
    counts.rejected++;
    return graphError(res, 400, {
      message: "(#100) Invalid parameter",
      type: "OAuthException",
      code: 100,
      error_data: { messaging_product: "whatsapp", details: "to and text.body are required" },
    });
  }
  const send: Send = {
    at,
    wamid: `wamid.HBgM${randomBytes(16).toString("hex").toUpperCase()}`,
    phoneNumberId,
    to,
    type,
    text: typeof text === "string" ? text : null,
    callbackData:
      typeof body.biz_opaque_callback_data === "string" ? body.biz_opaque_callback_data : null,
    statuses: config.statuses,
  };
  sends.push(send);
  json(res, 200, {
    messaging_product: "whatsapp",
    contacts: [{ input: to, wa_id: to.replace(/^\+/, "") }],
    messages: [{ id: send.wamid }],
  });
  // After the answer is on its way, and never holding it up.
  if (send.statuses) setImmediate(() => void postStatuses(send));
}

function completion(res: ServerResponse, raw: string) {
  const body = JSON.parse(raw) as {
    model?: string;
    messages?: { role: string; content: string }[];
  };
  const messages = body.messages ?? [];
  const translating = messages[0]?.content.startsWith(TRANSLATION_TASK) ?? false;
  const content = translating
    ? SAME_LANGUAGE
    : "Stub model answer: yes, we can help with that. Reply here with the details.";
  counts.completions++;
  const promptTokens = Math.ceil(raw.length / 4);
  const completionTokens = Math.ceil(content.length / 4);
  json(
    res,
    200,
    chatCompletion({
      id: `chatcmpl-${randomBytes(12).toString("hex")}`,
      model: body.model ?? "stub",
      content,
      promptTokens,
      completionTokens,
    }),
  );
}

function embeddings(res: ServerResponse, raw: string) {
  const body = JSON.parse(raw) as { model?: string; input: string | string[] };
  const input = Array.isArray(body.input) ? body.input : [body.input];
  counts.embeddings++;
  json(res, 200, {
    object: "list",
    model: body.model ?? "stub",
    data: input.map((text, index) => ({
      object: "embedding",
      index,
      embedding: hashedEmbedding(text),
    })),
    usage: { prompt_tokens: 0, total_tokens: 0 },
  });
}

const bearer = (req: IncomingMessage) => /^Bearer \S+$/.test(req.headers.authorization ?? "");

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    // A request the stub cannot read is answered as an error, never left hanging.
    if (!res.headersSent) json(res, 400, { error: { message: (error as Error).message } });
  });
});

async function handle(req: IncomingMessage, res: ServerResponse) {
  const at = now();
  const url = new URL(req.url ?? "/", "http://stub");
  const raw = await readBody(req);
  if (url.pathname.startsWith("/__stub/")) {
    if (req.method === "GET" && url.pathname === "/__stub/sends") {
      const from = Number(url.searchParams.get("from") ?? 0);
      return json(res, 200, { total: sends.length, sends: sends.slice(from) });
    }
    if (req.method === "GET" && url.pathname === "/__stub/stats") {
      return json(res, 200, { sends: sends.length, ...counts, config });
    }
    if (req.method === "POST" && url.pathname === "/__stub/config") {
      const next = JSON.parse(raw || "{}") as Partial<typeof config>;
      if (typeof next.statuses === "boolean") config.statuses = next.statuses;
      if (typeof next.modelDelayMs === "number") config.modelDelayMs = next.modelDelayMs;
      return json(res, 200, config);
    }
    return json(res, 404, { error: "unknown stub control" });
  }
  if (req.method === "POST" && url.pathname.startsWith("/v1/")) {
    if (!bearer(req)) {
      return json(res, 401, {
        error: { message: "Incorrect API key provided", type: "invalid_request_error" },
      });
    }
    if (url.pathname === "/v1/chat/completions") {
      await sleep(config.modelDelayMs);
      return completion(res, raw);
    }
    if (url.pathname === "/v1/embeddings") return embeddings(res, raw);
  }
  if (req.method === "GET" && /^\/v\d+\.\d+\/\d+\/message_templates$/.test(url.pathname)) {
    if (!bearer(req)) {
      counts.rejected++;
      return graphError(res, 401, {
        message: "Invalid OAuth access token - Cannot parse access token",
        type: "OAuthException",
        code: 190,
      });
    }
    counts.templateLists++;
    return json(res, 200, { data: templates, paging: { cursors: { before: "", after: "" } } });
  }
  const graph = /^\/v\d+\.\d+\/(\d+)\/messages$/.exec(url.pathname);
  if (req.method === "POST" && graph?.[1]) {
    if (!bearer(req)) {
      counts.rejected++;
      return graphError(res, 401, {
        message: "Invalid OAuth access token - Cannot parse access token",
        type: "OAuthException",
        code: 190,
      });
    }
    return graphMessages(res, graph[1], at, raw);
  }
  graphError(res, 400, {
    message: `Unsupported ${req.method} request.`,
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
  });
}
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1");
