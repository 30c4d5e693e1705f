import { cron } from "inngest";
import { inngest } from "../client";
import { remindUnopened } from "../reminder-sweep";

/** With Inngest, the assignees of conversations nobody opened in time are e-mailed each minute. */
export const remindUnopenedFn = inngest.createFunction(
  { id: "remind-unopened", triggers: [cron("* * * * *")], concurrency: 1 },
  async ({ step }) => step.run("send-due-reminders", () => remindUnopened()),
);
