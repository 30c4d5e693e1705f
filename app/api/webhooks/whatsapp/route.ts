import { after } from "next/server";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { receiveWebhook, verifyWebhook } from "@/lib/webhooks/handle-webhook";

export const dynamic = "force-dynamic";

function deps() {
  const { meta } = getEnv();
  return { db: getDb, appSecret: meta.appSecret, globalVerifyToken: meta.globalVerifyToken };
}

// GET /api/webhooks/whatsapp – Meta's verification handshake
export const GET = (req: Request) => verifyWebhook(req, deps());

// POST /api/webhooks/whatsapp – every tenant's messages, statuses and account events
export const POST = (req: Request) =>
  receiveWebhook(req, {
    ...deps(),
    schedule: (task) => after(task),
    notify: { appUrl: getEnv().appUrl, smtp: getEnv().smtp },
  });
