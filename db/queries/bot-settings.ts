import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { botSettings } from "../schema";

export type BotSettingsInput = Partial<Omit<typeof botSettings.$inferInsert, "workspaceId">>;

// Creates the workspace's settings with defaults, or applies the given fields to existing ones.
export async function upsertBotSettings(
  db: Db,
  { workspaceId, ...fields }: { workspaceId: string } & BotSettingsInput,
) {
  const insert = db.insert(botSettings).values({ workspaceId, ...fields });
  await (Object.keys(fields).length > 0
    ? insert.onConflictDoUpdate({ target: botSettings.workspaceId, set: fields })
    : insert.onConflictDoNothing());
}

/** The workspace's bot settings, created with the defaults on first use. */
export async function getBotSettings(db: Db, workspaceId: string) {
  const [found] = await db
    .select()
    .from(botSettings)
    .where(eq(botSettings.workspaceId, workspaceId));
  if (found) return found;
  await db.insert(botSettings).values({ workspaceId }).onConflictDoNothing();
  const [created] = await db
    .select()
    .from(botSettings)
    .where(eq(botSettings.workspaceId, workspaceId));
  if (!created) throw new Error("Bot settings could not be created");
  return created;
}

export type BotSettingsRow = Awaited<ReturnType<typeof getBotSettings>>;
