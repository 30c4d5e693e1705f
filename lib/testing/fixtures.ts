import { randomBytes } from "node:crypto";
import type { Database } from "@/db";
import { insertMessage } from "@/db/queries/messages";
import { upsertContactByIdentity, upsertConversationForMessage } from "@/db/queries/webhooks";
import { createKeyring } from "@/lib/crypto/keyring";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";

export const testKeyring = createKeyring(randomBytes(32).toString("base64"));

export const TEST_ACCESS_TOKEN = "EAAG-test-token-0123456789";

let counter = 0;
export function uniquePhoneNumberId(): string {
  counter += 1;
  return `1${Date.now().toString().slice(-9)}${String(counter).padStart(5, "0")}`;
}

/** A workspace created through the real import path, with its API key and channel. */
export async function seedWorkspace(
  db: Database,
  name = "Test Shop",
  opts: { wabaId?: string; verifyToken?: string; accessToken?: string } = {},
) {
  const phoneNumberId = uniquePhoneNumberId();
  const checked = validateTenantImport({
    workspaces: [
      {
        name,
        whatsapp: { phoneNumberId, ...opts, accessToken: opts.accessToken ?? TEST_ACCESS_TOKEN },
      },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const [ws] = await importTenants(db, checked.data, { keyring: testKeyring });
  if (!ws?.apiKey) throw new Error("seed workspace got no API key");
  const channel = await db.query.channels.findFirst({
    where: (c, { eq }) => eq(c.phoneNumberId, phoneNumberId),
  });
  if (!channel) throw new Error("seed channel missing");
  return { workspaceId: ws.id, apiKey: ws.apiKey, channelId: channel.id, phoneNumberId };
}

/** A conversation with `count` inbound messages, one second apart from `start`. */
export async function seedConversation(
  db: Database,
  ws: { workspaceId: string; channelId: string },
  opts: { waId: string; name?: string; start: Date; count: number },
) {
  const contactId = await upsertContactByIdentity(db, {
    workspaceId: ws.workspaceId,
    waId: opts.waId,
    userId: null,
    name: opts.name ?? null,
  });
  const last = new Date(opts.start.getTime() + (opts.count - 1) * 1000);
  const conversation = {
    id: await upsertConversationForMessage(db, {
      workspaceId: ws.workspaceId,
      channelId: ws.channelId,
      contactId,
      at: last,
    }),
  };
  for (let i = 0; i < opts.count; i++) {
    await insertMessage(db, {
      workspaceId: ws.workspaceId,
      conversationId: conversation.id,
      channelId: ws.channelId,
      direction: "inbound",
      waMessageId: `wamid.${randomBytes(12).toString("hex")}`,
      type: "text",
      text: `message ${i + 1}`,
      status: "received",
      createdAt: new Date(opts.start.getTime() + i * 1000),
    });
  }
  return conversation;
}
