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
