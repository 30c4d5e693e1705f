import { cron } from "inngest";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { inngest } from "../client";
import { pruneOldDeliveries } from "../prune";

/** With Inngest, the raw webhook deliveries past their retention are deleted every hour. */
export const pruneWebhookDeliveriesFn = inngest.createFunction(
  { id: "prune-webhook-deliveries", triggers: [cron("23 * * * *")], concurrency: 1 },
  async ({ step }) =>
    step.run("prune", async () => pruneOldDeliveries(await getDb(), getEnv().webhookRetentionDays)),
);
