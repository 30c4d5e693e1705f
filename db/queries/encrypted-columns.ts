import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { botSettings, channels, sandboxAccounts, signupSessions } from "../schema";

// Every column that holds an encrypted secret, with the context its envelope is bound to.
// Key rotation walks this list; a new secret column must be added here.
export const ENCRYPTED_COLUMNS = [
  {
    context: "channels.access_token",
    table: channels,
    key: "id",
    property: "accessTokenEncrypted",
  },
  {
    context: "channels.verify_token",
    table: channels,
    key: "id",
    property: "verifyTokenEncrypted",
  },
  {
    context: "channels.registration_pin",
    table: channels,
    key: "id",
    property: "registrationPinEncrypted",
  },
  {
    context: "signup_sessions.access_token",
    table: signupSessions,
    key: "id",
    property: "accessTokenEncrypted",
  },
  {
    context: "signup_sessions.registration_pin",
    table: signupSessions,
    key: "id",
    property: "registrationPinEncrypted",
  },
  {
    context: "sandbox_accounts.access_token",
    table: sandboxAccounts,
    key: "phoneNumberId",
    property: "accessTokenEncrypted",
  },
  {
    context: "bot_settings.ai_api_key",
    table: botSettings,
    key: "workspaceId",
    property: "aiApiKeyEncrypted",
  },
] as const;

export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];
export type SecretContext = EncryptedColumn["context"];

function columnsOf(target: EncryptedColumn) {
  const table = target.table as typeof channels & typeof botSettings;
  return {
    key: table[target.key as "id"],
    value: table[target.property as "accessTokenEncrypted"],
  };
}

// Operator-level (key rotation): reads across all workspaces.
export async function listEncryptedValues(db: Db, target: EncryptedColumn) {
  const { key, value } = columnsOf(target);
  const rows = await db.select({ key, value }).from(target.table).where(isNotNull(value));
  return rows.flatMap((r) => (r.value === null ? [] : [{ key: String(r.key), value: r.value }]));
}

// Compare-and-set, so a value the app changed meanwhile is never overwritten with an old one.
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
