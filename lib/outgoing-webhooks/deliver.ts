import type { Db } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import { listMembers } from "@/db/queries/members";
import {
  disableFailingWebhook,
  getDeliveryForAttempt,
  recordDeliveryAttempt,
} from "@/db/queries/outgoing-webhooks";
import { getWorkspaceName } from "@/db/queries/workspaces";
import { isEndpointRefused, publicOnlyFetch } from "@/lib/ai/public-endpoint";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import { type Smtp, sendMail } from "@/lib/email/send-mail";
import { waitingFetch } from "@/lib/jobs/waiting";
import { log } from "@/lib/log";
import { forgetSubscriptions } from "./emit";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

export const WEBHOOK_SECRET_CONTEXT = "outgoing_webhooks.secret";

/**
 * Waits before the 2nd, 3rd, … attempt: seven attempts over about 21 hours, so an endpoint that
 * is down for most of a day still gets every event.
 */
export const RETRY_SCHEDULE_MS = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
];

const TIMEOUT_MS = 10_000;

export type DeliverDeps = {
  db: Db;
  keyring: Keyring;
  /** Public https endpoints only (production), or any address (tests, private deployments). */
  publicOnly: boolean;
  appUrl: string;
  smtp: Smtp | null;
  schedule?: number[];
  fetch?: typeof fetch;
  now?: () => Date;
};

export type AttemptResult =
  | { outcome: "delivered"; status: number }
  | { outcome: "retry"; waitMs: number; error: string }
  | { outcome: "failed"; error: string; disabled: boolean }
  | { outcome: "gone" };

function reasonOf(error: unknown): string {
  if (isEndpointRefused(error)) return `refused: ${error.message}`;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  return "could not connect";
}

/**
 * One attempt at one delivery: the stored body, signed now, posted to the endpoint. A 2xx
 * answer delivers it; anything else waits for the next attempt of the schedule, and after the
 * last one the delivery has failed and the endpoint is turned off (its owners told), as an
 * endpoint that refused every event for a day is not listening. Deliveries already finished,
 * deleted or whose endpoint is off are left alone (`gone`).
 */
export async function attemptDelivery(deps: DeliverDeps, id: string): Promise<AttemptResult> {
  const row = await getDeliveryForAttempt(deps.db, id);
  if (row?.status !== "pending" || row.disabledAt) return { outcome: "gone" };
  const now = deps.now?.() ?? new Date();
  const secret = decryptSecret(
    row.secretEncrypted,
    deps.keyring,
    WEBHOOK_SECRET_CONTEXT,
    row.workspaceId,
  );
  const send = waitingFetch(deps.fetch ?? (deps.publicOnly ? publicOnlyFetch : fetch));
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await send(row.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Parley-Webhooks/1",
        "parley-event": row.event,
        "parley-delivery": row.id,
        [SIGNATURE_HEADER]: signatureHeader(secret, row.body, Math.floor(now.getTime() / 1000)),
      },
      body: row.body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = response.status;
    // The answer's body is not read beyond what frees the connection.
    await response.body?.cancel();
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    error = reasonOf(e);
  }
  if (error === null) {
    await recordDeliveryAttempt(deps.db, {
      id,
      webhookId: row.webhookId,
      outcome: "delivered",
      statusCode: status,
      error: null,
    });
    return { outcome: "delivered", status: status as number };
  }
  const schedule = deps.schedule ?? RETRY_SCHEDULE_MS;
  const waitMs = schedule[row.attempts];
  if (waitMs !== undefined) {
    await recordDeliveryAttempt(deps.db, {
      id,
      webhookId: row.webhookId,
      outcome: "retry",
      statusCode: status,
      error,
      nextAttemptAt: new Date(now.getTime() + waitMs),
    });
    return { outcome: "retry", waitMs, error };
  }
  await recordDeliveryAttempt(deps.db, {
    id,
    webhookId: row.webhookId,
    outcome: "failed",
    statusCode: status,
    error,
  });
  const disabled = await disableFailingWebhook(deps.db, {
    webhookId: row.webhookId,
    reason: `Turned off after an event could not be delivered for a day (last answer: ${error}).`,
  });
  if (disabled) {
    forgetSubscriptions(disabled.workspaceId);
    await notifyWebhookDisabled(deps, { ...disabled, error });
  }
  return { outcome: "failed", error, disabled: disabled !== null };
}

/** Tells the owners and admins (audit entry always, e-mail when SMTP is set). */
async function notifyWebhookDisabled(
  deps: DeliverDeps,
  p: { id: string; workspaceId: string; url: string; error: string },
) {
  const [workspace, members] = await Promise.all([
    getWorkspaceName(deps.db, p.workspaceId),
    listMembers(deps.db, { workspaceId: p.workspaceId }),
  ]);
  const to = members.filter((m) => m.role !== "agent" && m.email).map((m) => m.email as string);
  let emailed = 0;
  if (deps.smtp && workspace && to.length > 0) {
    try {
      await sendMail(deps.smtp, {
        to,
        subject: `${workspace.name}: a webhook endpoint was turned off`,
        text: [
          `${workspace.name}: Parley turned off the webhook endpoint ${p.url}.`,
          `It could not deliver an event there for a day (the last answer was: ${p.error}), so it stopped sending. Events that happen while it is off are not sent.`,
          `Fix the endpoint, then turn it on again: ${deps.appUrl}/${workspace.slug}/settings/webhooks`,
        ].join("\n\n"),
      });
      emailed = to.length;
    } catch (err) {
      log.error({ err, webhookId: p.id }, "Could not e-mail the owners about a turned-off webhook");
    }
  }
  await recordAudit(deps.db, {
    workspaceId: p.workspaceId,
    actorType: "system",
    action: "webhook.disabled",
    target: p.id,
    details: { url: p.url, error: p.error, emailed },
  });
}
