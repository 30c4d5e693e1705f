import type { Db } from "@/db";
import { findChannelByPhoneNumberId } from "@/db/queries/channels";
import { paceChannel } from "@/lib/whatsapp";

type Routed = { id: string; workspaceId: string };
const TTL_MS = 30_000;
const MAX = 10_000;
const cache = new Map<string, { channel: Routed; until: number }>();

// Phone number id → channel, cached briefly. Only hits are cached, so a newly connected number
// routes at once; a number never moves between workspaces, so a stale hit is still right.
export async function routeByPhoneNumberId(db: Db, phoneNumberId: string): Promise<Routed | null> {
  const now = Date.now();
  const hit = cache.get(phoneNumberId);
  if (hit && hit.until > now) return hit.channel;
  const channel = await findChannelByPhoneNumberId(db, phoneNumberId);
  if (!channel) {
    cache.delete(phoneNumberId);
    return null;
  }
  // Whatever sends for this number next (the bot's reply) goes at the number's own throughput.
  paceChannel(channel.phoneNumberId, channel.coexistence);
  if (cache.size >= MAX) cache.clear();
  const routed = { id: channel.id, workspaceId: channel.workspaceId };
  cache.set(phoneNumberId, { channel: routed, until: now + TTL_MS });
  return routed;
}

export function forgetChannelRoute(phoneNumberId: string): void {
  cache.delete(phoneNumberId);
}
