import { cron } from "inngest";
import { getDb } from "@/db";
import { inngest } from "../client";
import { syncDueKnowledge } from "../knowledge-schedule";

/** With Inngest, websites due for their scheduled sync (and stuck sources) are queued. */
export const syncDueKnowledgeFn = inngest.createFunction(
  { id: "sync-due-knowledge", triggers: [cron("*/5 * * * *")], concurrency: 1 },
  async ({ step }) => step.run("queue-due", async () => syncDueKnowledge(await getDb())),
);
