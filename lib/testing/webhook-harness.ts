import type { Database } from "@/db";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { inlineRunner } from "@/inngest/dispatch";
import { receiveWebhook } from "@/lib/webhooks/handle-webhook";
import { signPayload } from "@/lib/whatsapp/signature";
import { seedWorkspace } from "./fixtures";

const SECRET = "test-app-secret";

/**
 * Posts a signed delivery to the webhook handler and waits for its jobs to settle; with
 * `jobs: false` the reply jobs are not run (storage alone is under test).
 */
export function webhookPoster(db: () => Database, opts: { jobs?: boolean } = {}) {
  const schedule = opts.jobs === false ? () => {} : (task: () => void) => task();
  return async (body: unknown) => {
    const raw = JSON.stringify(body);
    const res = await receiveWebhook(
      new Request("http://localhost/api/webhooks/whatsapp", {
        method: "POST",
        body: raw,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signPayload(raw, SECRET),
        },
      }),
      { db: async () => db(), appSecret: SECRET, schedule },
    );
    await inlineRunner().idle();
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

/** A workspace whose bot is off: its reply job only settles each message, ingestion is under test. */
export async function seedQuietWorkspace(db: Database, name: string, wabaId?: string) {
  const shop = await seedWorkspace(db, name, { wabaId });
  await upsertBotSettings(db, { workspaceId: shop.workspaceId, enabled: false });
  return shop;
}
