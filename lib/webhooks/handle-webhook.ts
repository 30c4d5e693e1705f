import type { Database } from "@/db";
import { isKnownVerifyTokenHash } from "@/db/queries/channels-verify";
import { dispatchMessagesReceived, type Schedule } from "@/inngest/dispatch";
import { errorResponse } from "@/lib/api/errors";
import { readBodyLimited } from "@/lib/api/read-body";
import { sha256Hex } from "@/lib/crypto/hash";
import { helpDeps } from "@/lib/inbox/agent-help";
import { requestSummary } from "@/lib/inbox/request-summary";
import { whileStoring } from "@/lib/jobs/ingest-gate";
import { log, requestIdOf, withRequestId } from "@/lib/log";
import { emitDeliveryEvents } from "@/lib/outgoing-webhooks/events";
import { parseDelivery } from "@/lib/whatsapp/parse-delivery";
import { parseWebhookJson } from "@/lib/whatsapp/parse-json";
import { constantTimeEqual, verifySignature } from "@/lib/whatsapp/signature";
import { envelopeSchema } from "@/lib/whatsapp/webhook-schema";
import { notifyChannelLost } from "@/lib/workspaces/notify-channel-lost";
import { ingestDelivery } from "./ingest-delivery";

// Meta sends at most 3 MB; a little headroom, then 413.
export const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;

type Deps = {
  db: () => Promise<Database>;
  appSecret: string;
  globalVerifyToken?: string;
  schedule?: Schedule;
  driver?: "inline" | "inngest";
  /** Where the owners' notice links to and how it is mailed, when Meta revokes a number. */
  notify?: { appUrl: string; smtp: { url: string; from: string } | null };
};

// GET: Meta's subscription check. The challenge is echoed bare, as plain text.
export async function verifyWebhook(req: Request, deps: Deps): Promise<Response> {
  const params = new URL(req.url).searchParams;
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (params.get("hub.mode") === "subscribe" && token && challenge !== null) {
    const known =
      (deps.globalVerifyToken !== undefined && constantTimeEqual(token, deps.globalVerifyToken)) ||
      (await isKnownVerifyTokenHash(await deps.db(), sha256Hex(token)));
    if (known) {
      return new Response(challenge, {
        status: 200,
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "x-content-type-options": "nosniff",
        },
      });
    }
  }
  return errorResponse("forbidden", "Verification failed.");
}

// POST: verify, store durably, dispatch, then acknowledge. A 5xx only when storing or
// dispatching failed, so that Meta delivers again; redelivery is deduplicated on storage.
// Every log line of the delivery, and of the jobs it starts here, carries the request's id.
export const receiveWebhook = (req: Request, deps: Deps): Promise<Response> => {
  // The proxy skips this route (it is the busiest), so the request id is given here.
  const requestId = requestIdOf(req.headers);
  return withRequestId(requestId, async () => {
    const response = await receive(req, deps);
    response.headers.set("x-request-id", requestId);
    return response;
  });
};

async function receive(req: Request, deps: Deps): Promise<Response> {
  const raw = await readBodyLimited(req, MAX_WEBHOOK_BYTES);
  if (raw === null) return errorResponse("payload_too_large", "The body is larger than 4 MB.");
  if (!verifySignature(raw, req.headers.get("x-hub-signature-256"), deps.appSecret)) {
    return errorResponse("unauthorized", "Invalid signature.");
  }
  // A delivery from Meta, counted while it is stored: the in-process jobs make way for it
  // (lib/jobs/ingest-gate.ts). Unsigned or stalled requests never count.
  return whileStoring(() => store(raw, deps));
}

async function store(raw: Buffer, deps: Deps): Promise<Response> {
  let json: unknown;
  try {
    json = parseWebhookJson(raw.toString("utf8"));
  } catch {
    return errorResponse("bad_request", "The body is not JSON.");
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return errorResponse("bad_request", "The body must be an object with an entry array.");

  const changes = parseDelivery(envelope.data.entry);
  let result: Awaited<ReturnType<typeof ingestDelivery>>;
  try {
    result = await ingestDelivery(await deps.db(), changes);
  } catch (error) {
    log.error({ err: error }, "Webhook delivery could not be stored; Meta will deliver it again");
    return errorResponse("service_unavailable", "The delivery could not be stored. Please retry.");
  }
  if (result.problems.length > 0) {
    log.warn(
      { skipped: result.problems.length, paths: result.problems.slice(0, 20).map((p) => p.path) },
      "Webhook delivery: skipped unreadable items",
    );
  }
  try {
    await dispatchMessagesReceived(result.pending, {
      schedule: deps.schedule,
      driver: deps.driver,
    });
  } catch (error) {
    log.error(
      { err: error },
      "Webhook messages stored but not dispatched; Meta will deliver again",
    );
    return errorResponse(
      "service_unavailable",
      "The delivery was stored but could not be queued. Please retry.",
    );
  }
  const { notify } = deps;
  const schedule = deps.schedule ?? ((task) => setImmediate(task));
  if (result.received.length > 0 || result.statusEvents.length > 0) {
    // Owners' own webhooks hear of it after the response; each event is queued durably there.
    schedule(async () => {
      await emitDeliveryEvents(await deps.db(), result);
    });
  }
  if (result.handedOff.length > 0) {
    // The person it was handed to gets a summary, made by a job after the response.
    schedule(async () => {
      const deps = await helpDeps();
      for (const handed of result.handedOff) {
        const asked = await requestSummary(deps, handed).catch((err: unknown) => {
          log.error({ ...handed, err }, "Could not ask for the conversation's summary");
          return null;
        });
        if (asked && !asked.ok && asked.code !== "no_ai") log.warn(handed, asked.message);
      }
    });
  }
  for (const lost of result.revoked) {
    if (!notify) break;
    // The banner on every page already says it; the e-mail is a courtesy after the response.
    schedule(async () => {
      try {
        await notifyChannelLost(await deps.db(), { ...lost, ...notify });
      } catch (error) {
        log.error({ err: error }, "Could not tell the owners about a disconnected number");
      }
    });
  }
  const summary = {
    stored: result.stored,
    duplicates: result.duplicates,
    statuses: result.statuses,
    unrouted: result.unrouted,
    skipped: result.problems.length,
  };
  log.info(summary, "Webhook delivery");
  return Response.json({ status: "ok", ...summary });
}
