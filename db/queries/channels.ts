import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { channels } from "../schema";

// Routing is by phone number id across tenants: Meta's id is globally unique.
export async function findChannelByPhoneNumberId(db: Db, phoneNumberId: string) {
  const [row] = await db
    .select({
      id: channels.id,
      workspaceId: channels.workspaceId,
      phoneNumberId: channels.phoneNumberId,
      status: channels.status,
    })
    .from(channels)
    .where(eq(channels.phoneNumberId, phoneNumberId));
  return row ?? null;
}

type ChannelFields = {
  wabaId?: string | null;
  displayPhoneNumber?: string | null;
  accessTokenEncrypted?: string | null;
  verifyTokenEncrypted?: string | null;
  verifyTokenHash?: string | null;
  status?: (typeof channels.$inferInsert)["status"];
  connectedAt?: Date | null;
};

export async function createChannel(
  db: Db,
  params: { workspaceId: string; phoneNumberId: string } & ChannelFields,
) {
  const [row] = await db.insert(channels).values(params).returning({ id: channels.id });
  if (!row) throw new Error("Channel insert returned nothing");
  return row;
}

export async function updateChannel(
  db: Db,
  { workspaceId, id, ...fields }: { workspaceId: string; id: string } & ChannelFields,
) {
  if (Object.values(fields).every((v) => v === undefined)) return;
  await db
    .update(channels)
    .set(fields)
    .where(and(eq(channels.id, id), eq(channels.workspaceId, workspaceId)));
}
