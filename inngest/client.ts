import { Inngest } from "inngest";
import { log } from "@/lib/log";

// The SDK reads its own INNGEST_* variables (the same names lib/env.ts documents), so this module
// stays free of start-up side effects and can be imported while Next.js builds.
// Its log lines (and those of `ctx.logger`) go through the app's JSON logger and its redaction.
export const inngest = new Inngest({ id: "parley", logger: log.child({ component: "inngest" }) });
