import { cron } from "inngest";
import { getDb } from "@/db";
import { listDueDeliveries } from "@/db/queries/outgoing-webhooks";
import { getKeyring } from "@/lib/crypto";
import { getEnv } from "@/lib/env";
import {
  type AttemptResult,
  attemptDelivery,
  type DeliverDeps,
} from "@/lib/outgoing-webhooks/deliver";
import { inngest } from "../client";
import { type OutgoingDeliveryDue, outgoingDeliveryDue } from "../events";
import type { JobContext } from "../step";

export async function deliverDeps(): Promise<DeliverDeps> {
  const env = getEnv();
  return {
    db: await getDb(),
    keyring: getKeyring(),
    publicOnly: env.ai.publicEndpointsOnly,
    appUrl: env.appUrl,
    smtp: env.smtp,
  };
}

/**
 * Delivers one outgoing webhook event: attempts it, and between failed attempts waits as the
 * schedule says. Under Inngest the run sleeps; in-process (`waitInRun` false) the run ends and
 * the due-delivery poller starts the next attempt at its time, so nothing waits in memory.
 */
export function deliverOutgoingWebhook(waitInRun: boolean, deps?: () => Promise<DeliverDeps>) {
  return async ({ event, step }: JobContext<OutgoingDeliveryDue>): Promise<AttemptResult> => {
    for (let i = 0; ; i++) {
      const result = (await step.run(`attempt-${i}`, async () =>
        attemptDelivery(await (deps ?? deliverDeps)(), event.data.deliveryId),
      )) as AttemptResult;
      if (result.outcome !== "retry" || !waitInRun) return result;
      await step.sleep(`wait-${i}`, result.waitMs);
    }
  };
}

export const deliverOutgoingWebhookFn = inngest.createFunction(
  {
    id: "deliver-outgoing-webhook",
    triggers: [outgoingDeliveryDue],
    // An attempt's failure is recorded and scheduled by the attempt itself; a crash mid-attempt
    // (the database unreachable) is retried by Inngest.
    retries: 3,
    concurrency: [{ key: "event.data.workspaceId", limit: 10 }],
  },
  deliverOutgoingWebhook(true),
);

// A run lost before its next attempt (an event that never reached Inngest) leaves its delivery
// pending past its time: those are sent again. The event id names the attempt, so a run that is
// merely late is not doubled by this.
const OVERDUE_MS = 15 * 60_000;

export const sweepOutgoingWebhooksFn = inngest.createFunction(
  { id: "sweep-outgoing-webhooks", triggers: [cron("*/10 * * * *")], concurrency: 1 },
  async ({ step }) =>
    step.run("resend-overdue", async () => {
      const due = await listDueDeliveries(await getDb(), {
        before: new Date(Date.now() - OVERDUE_MS),
        limit: 500,
      });
      if (due.length === 0) return 0;
      await inngest.send(
        due.map((d) =>
          outgoingDeliveryDue.create(
            { workspaceId: d.workspaceId, deliveryId: d.id },
            { id: `${d.id}:${d.attempts}` },
          ),
        ),
      );
      return due.length;
    }),
);
