import { cron } from "inngest";
import { getDb } from "@/db";
import { wakeSnoozed } from "@/db/queries/inbox-tools";
import { inngest } from "../client";
import { WAKE_BATCH } from "../snooze";

/** With Inngest, snoozed conversations whose time has come are woken every minute. */
export const wakeSnoozedFn = inngest.createFunction(
  { id: "wake-snoozed-conversations", triggers: [cron("* * * * *")], concurrency: 1 },
  async ({ step }) =>
    step.run("wake", async () => ({
      woken: await wakeSnoozed(await getDb(), { now: new Date(), limit: WAKE_BATCH }),
    })),
);
