import type { Db } from "@/db";
import { getChannelCredentials } from "@/db/queries/channels";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";

// A channel's encrypted token as a job step read it moments ago, so the steps that call Meta do
// not read it again; decrypted once per ciphertext. A reconnect changes the ciphertext, which
// the next job's first step reads; a disconnect is checked again where each reply is created.
// Plain strings only.
const FRESH_MS = 30_000;
const MAX = 2_000;
const seen = new Map<string, { cipher: string; at: number }>();
const plain = new Map<string, string>();

/** Keeps the encrypted token a job step just read with the channel. */
export function rememberChannelToken(channelId: string, cipher: string | null): void {
  if (!cipher) {
    seen.delete(channelId);
    return;
  }
  if (seen.size >= MAX) seen.clear();
  seen.set(channelId, { cipher, at: Date.now() });
}

/** The channel's access token for a Graph call; throws when the channel has none. */
export async function channelAccessToken(
  deps: { db: Db; keyring: Keyring },
  p: { workspaceId: string; channelId: string },
): Promise<string> {
  const hit = seen.get(p.channelId);
  let cipher = hit && Date.now() - hit.at < FRESH_MS ? hit.cipher : null;
  if (!cipher) {
    const channel = await getChannelCredentials(deps.db, p);
    cipher = channel?.accessTokenEncrypted ?? null;
    rememberChannelToken(p.channelId, cipher);
  }
  if (!cipher) throw new Error("The channel has no access token");
  // Keyed by the workspace too: a ciphertext decrypts only for the workspace it was bound to.
  const key = `${p.workspaceId}:${cipher}`;
  const known = plain.get(key);
  if (known !== undefined) return known;
  const token = decryptSecret(cipher, deps.keyring, "channels.access_token", p.workspaceId);
  if (plain.size >= MAX) plain.clear();
  plain.set(key, token);
  return token;
}
