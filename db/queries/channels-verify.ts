import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { channels } from "../schema";

// Webhook verification: Meta sends the token in clear, we hold only its hash.
export async function isKnownVerifyTokenHash(db: Db, hash: string): Promise<boolean> {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.verifyTokenHash, hash))
    .limit(1);
  return row !== undefined;
}
