import { and, asc, count, eq, gt, isNotNull, like, notLike } from "drizzle-orm";
import type { Db } from "../client";
import {
  botSettings,
  channels,
  outgoingWebhooks,
  sandboxAccounts,
  signupSessions,
} from "../schema";

// Every column that holds an encrypted secret, with the context its envelope is bound to.
// Key rotation walks this list; a new secret column must be added here.
export const ENCRYPTED_COLUMNS = [
  {
    context: "channels.access_token",
    table: channels,
    key: "id",
    owner: "workspaceId",
    property: "accessTokenEncrypted",
  },
  {
    context: "channels.verify_token",
    table: channels,
    key: "id",
    owner: "workspaceId",
    property: "verifyTokenEncrypted",
  },
  {
    context: "channels.registration_pin",
    table: channels,
    key: "id",
    owner: "workspaceId",
    property: "registrationPinEncrypted",
  },
  {
    context: "signup_sessions.access_token",
    table: signupSessions,
    key: "id",
    owner: "workspaceId",
    property: "accessTokenEncrypted",
  },
  {
    context: "signup_sessions.registration_pin",
    table: signupSessions,
    key: "id",
    owner: "workspaceId",
    property: "registrationPinEncrypted",
  },
  {
    context: "sandbox_accounts.access_token",
    table: sandboxAccounts,
    key: "phoneNumberId",
    // A business token is the WABA's: every account row of the WABA holds the same envelope.
    owner: "wabaId",
    property: "accessTokenEncrypted",
  },
  {
    context: "outgoing_webhooks.secret",
    table: outgoingWebhooks,
    key: "id",
    owner: "workspaceId",
    property: "secretEncrypted",
  },
  {
    context: "bot_settings.ai_api_key",
    table: botSettings,
    key: "workspaceId",
    owner: "workspaceId",
    property: "aiApiKeyEncrypted",
  },
] as const;

export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];
export type SecretContext = EncryptedColumn["context"];

function columnsOf(target: EncryptedColumn) {
  const table = target.table as typeof channels & typeof botSettings;
  return {
    key: table[target.key as "id"],
    owner: table[target.owner as "workspaceId"],
    value: table[target.property as "accessTokenEncrypted"],
  };
}

// Operator-level (key rotation): counts across all workspaces.
export async function countEncryptedValues(db: Db, target: EncryptedColumn): Promise<number> {
  const { value } = columnsOf(target);
  const [row] = await db.select({ n: count() }).from(target.table).where(isNotNull(value));
  return row?.n ?? 0;
}

/**
 * Operator-level (key rotation): one batch of the values that need re-encryption, in key order
 * after `after`. `keep` is the prefix of values that are already current; `only`, when given, the
 * prefix of the values to pick (the rest are left alone).
 */
export async function listStaleEncryptedValues(
  db: Db,
  target: EncryptedColumn,
  p: { keep: string; only?: string; after: string | null; limit: number },
) {
  const { key, owner, value } = columnsOf(target);
  const rows = await db
    .select({ key, owner, value })
    .from(target.table)
    .where(
      and(
        isNotNull(value),
        notLike(value, `${p.keep}%`),
        p.only ? like(value, `${p.only}%`) : undefined,
        p.after === null ? undefined : gt(key, p.after),
      ),
    )
    .orderBy(asc(key))
    .limit(p.limit);
  return rows.flatMap((r) =>
    r.value === null ? [] : [{ key: String(r.key), owner: String(r.owner), value: r.value }],
  );
}

// Compare-and-set, so a value the app (or another process re-encrypting) changed meanwhile is
// never overwritten with an old one.
export async function replaceEncryptedValue(
  db: Db,
  target: EncryptedColumn,
  params: { key: string; from: string; to: string },
): Promise<boolean> {
  const { key, value } = columnsOf(target);
  const updated = await db
    .update(target.table)
    .set({ [target.property]: params.to })
    .where(and(eq(key, params.key), eq(value, params.from)))
    .returning({ key });
  return updated.length > 0;
}
