import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { errorResponse } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { withRequestLog } from "@/lib/log";

const handlers = serve({ client: inngest, functions });

type Handler = typeof handlers.GET;

// Without the INNGEST_* variables jobs run in-process, and nothing is served here.
const whenInngest =
  (handler: Handler): Handler =>
  (...args) =>
    getEnv().jobs === "inngest"
      ? withRequestLog(args[0], () => handler(...args))
      : Promise.resolve(
          errorResponse(
            "not_found",
            "Background jobs run in-process here. Set the INNGEST_* variables to serve Inngest.",
          ),
        );

// /api/inngest – the Inngest serve endpoint
export const GET = whenInngest(handlers.GET);
export const POST = whenInngest(handlers.POST);
export const PUT = whenInngest(handlers.PUT);
